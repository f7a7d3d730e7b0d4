"""The CLI's verbs, one module each."""
