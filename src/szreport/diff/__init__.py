"""``szreport diff OLD NEW``: what changed between two output folders (figures, verdicts, inputs).

- :mod:`~szreport.diff.compare`: :func:`~szreport.diff.compare.compare` reads both folders into a frozen
  :class:`~szreport.diff.compare.Diff`;
- :mod:`~szreport.diff.format`: the text, JSON and HTML presentations of a diff;
- :mod:`~szreport.diff.command`: :func:`~szreport.diff.command.run`, the command and its exit status.

May import: the build's context (the template folder) and the foundation.
"""
