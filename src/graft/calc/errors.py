"""The one error of the calc engine."""


class CalcError(Exception):
    """The expression cannot be read or evaluated; ``message`` is govaluate's text."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
