"""``graft diff``: dyff v1.9.0's comparison and its "human" report.

``nodes`` reads files into PyYAML node graphs (``libyaml`` composes them,
``synth`` builds them for JSON and TOML) and gives their yaml.v3 tags;
``compare`` walks two documents as dyff does; ``report`` lays the report out,
printing values with ``neat`` (``comments`` finds the comments yaml.v3 would
attach, ``gosort`` is Go's ``sort.Slice`` order), multi-line strings with
``linediff``, certificates with ``certs``, binary values with ``hexdump``, and
colors, in a terminal, with ``paint``.
"""
