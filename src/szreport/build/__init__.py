"""The build: parameters and data checked, notebooks executed by papermill, pages exported, reports published.

- :mod:`~szreport.build.context`: a build's options, context, log, error and the hashes of its inputs;
- :mod:`~szreport.build.uptodate`: the no-op fast path (nothing to do, decided before pandas is imported);
- :mod:`~szreport.build.pipeline`: :func:`~szreport.build.pipeline.build` (check, plan, execute, publish);
- :mod:`~szreport.build.jobs` and :mod:`~szreport.build.kernels`: one notebook executed in its own kernel;
- :mod:`~szreport.build.export`: HTML through nbconvert with the ``szreport`` template (``templates/``);
- :mod:`~szreport.build.browser`: PDFs printed by Debian's Chromium through playwright;
- :mod:`~szreport.build.output`: chart files, records and the atomic publish of the output folder;
- :mod:`~szreport.build.bundle` and :mod:`~szreport.build.index`: the data bundle and the landing page.

May import every layer below (themes, the audit, presentation, charts, data, the foundation). Importing this
package imports none of its modules, so the no-op path stays light.
"""
