"""Incident record and document builders: enter the facts of a trouble once, get every message it needs.

- :mod:`.incident`: the incident fields, normalization of untrusted JSON, export and import.
- :mod:`.template`: document templates as data (``kind: document``), validated at build time.
- :mod:`.values`: what each placeholder and condition of a template means.
- :mod:`.render`: a template plus an incident plus ``now`` gives the text, subject and layout blocks.
- :mod:`.operations`: the functions registered in ``widgets.api.OPERATIONS``.
"""
