"""Incident record and document builders: enter the facts of a trouble once, get every message it needs.

- :mod:`.incident`: the incident fields (defined once, :data:`~.incident.FIELDS`), normalization of
  untrusted JSON, export and import, and the form definition (``kind: incident``).
- :mod:`.template`: document templates as data (``kind: document``), validated at build time.
- :mod:`.values`: what each placeholder and condition of a template means.
- :mod:`.compose`: a template plus an incident plus ``now`` gives the text, subject and layout blocks.
- :mod:`.jdate`: 和暦, formal clock wording, business days and promised times.
- :mod:`.kind`: the kind units (request operations and page) of ``incident`` and ``document``.
"""
