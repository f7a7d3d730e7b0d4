"""``graft diff``: dyff v1.9.0's comparison and its "human" report.

``nodes`` reads files into PyYAML node graphs and gives their yaml.v3 tags,
``compare`` walks two documents as dyff does, ``neat`` prints values, ``report``
lays the report out, ``linediff`` is the line diff of multi-line strings and
``gosort`` is Go's ``sort.Slice`` order.
"""
