"""Command line: ``szreport build``, ``params``, ``check-data``, ``diff`` and ``serve``.

Exit status: 0 success; 2 bad usage, bad parameter or bad data (nothing executed, nothing written);
1 a notebook failed (the message names the notebook, the cell and the error).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from szreport import notebooks as report_notebooks
from szreport.build import context as build_mod  # the light half of szreport.build: a no-op rebuild imports no pandas

# szreport.build.pipeline, szreport.data.loader and szreport.params (pandas, yaml, the Jupyter tools) are imported
# where needed,
# so that a rebuild with nothing to do (szreport.build.uptodate) stays quick.


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse exits 2 too; keep its message short and clear
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def _parse_assignments(items: list[str]) -> dict:
    out: dict = {}
    for item in items:
        from szreport import params as params_mod

        if "=" not in item:
            raise params_mod.ParameterError(f"-p expects NAME=VALUE, got {item!r}")
        name, value = item.split("=", 1)
        out[name.strip()] = params_mod.parse_cli_value(value)
    return out


def make_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="szreport", description="Build the reports on a city's 14th Five-Year Plan record.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    build_parser = sub.add_parser("build", help="execute the notebooks and export HTML and PDF")
    add_build_options(build_parser)

    params_parser = sub.add_parser("params", help="list every notebook parameter")
    params_parser.add_argument("name", nargs="?", help="one report (default: all)")
    params_parser.add_argument(
        "--markdown", action="store_true", help="print the parameters table of docs/options.md (Markdown)"
    )

    check_parser = sub.add_parser("check-data", help="validate a data folder and report every problem")
    check_parser.add_argument("folder", nargs="?", type=Path, help="data folder (default: data/)")

    diff_parser = sub.add_parser(
        "diff", help="what changed between two build outputs (exit 0 same, 1 different, 2 bad usage)"
    )
    diff_parser.add_argument("old", type=Path, help="an output folder of szreport build (with <lang>/results.json)")
    diff_parser.add_argument("new", type=Path, help="another output folder")
    diff_parser.add_argument("--json", action="store_true", help="print the differences as JSON")
    diff_parser.add_argument("--html", type=Path, metavar="FILE", help="also write a bilingual 'what changed' page")

    serve_parser = sub.add_parser("serve", help="build, serve on 127.0.0.1, rebuild and reload pages on every save")
    serve_parser.add_argument(
        "--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000; 0 picks a free one)"
    )
    add_build_options(serve_parser)
    return parser


def add_build_options(parser: argparse.ArgumentParser) -> None:
    """The options of ``szreport build``, shared by ``szreport serve``."""
    parser.add_argument(
        "--lang", action="append", choices=list(build_mod.LANGS), help="language (repeatable; default both)"
    )
    parser.add_argument(
        "--format", action="append", choices=list(build_mod.FORMATS), help="html or pdf (repeatable; default both)"
    )
    parser.add_argument(
        "--only", action="append", default=[], metavar="NAME", help="build only this report (repeatable)"
    )
    parser.add_argument(
        "-p",
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="notebook parameter, value as YAML (e.g. -p horizon_year=2035 -p 'gdp_real_growth_scenarios_pct=[4,5]')",
    )
    parser.add_argument("-f", "--param-file", metavar="params.yaml", help="YAML file of parameters (-p wins)")
    parser.add_argument("--data", type=Path, help="data folder (default: data/)")
    parser.add_argument("--out", type=Path, help="output folder (default: reports/)")
    parser.add_argument("--jobs", type=int, help=f"parallel notebooks (default {build_mod.default_jobs()})")
    parser.add_argument("--show-code", action="store_true", help="keep the code cells in the HTML and PDF")
    parser.add_argument("--force", action="store_true", help="rebuild even when nothing changed")
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only (the default when CI is set)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every step")


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        if args.command == "build":
            return _build(args)
        if args.command == "params":
            return _params(args)
        if args.command == "diff":
            from szreport.diff import command as diff_mod

            return diff_mod.run(args.old, args.new, as_json=args.json, html=args.html)
        if args.command == "serve":
            return _serve(args)
        return _check_data(args)
    except build_mod.BuildError as exc:
        print(f"szreport: {exc}", file=sys.stderr)
        return exc.code
    except ValueError as exc:
        from szreport.params import ParameterError

        if not isinstance(exc, ParameterError):
            raise
        print(f"szreport: bad parameter: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # the environment (a folder, a disk, a permission), never a notebook's failure
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"szreport: {where}{exc.strerror or exc}; check that path and try again", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        # Everything of the build is undone by now (staging folder removed, lock released). Leave at once: a
        # kernel or a browser still winding down in a worker thread must not keep an interrupted build alive.
        print("szreport: interrupted; the published reports were left unchanged", file=sys.stderr, flush=True)
        sys.stdout.flush()
        os._exit(130)


def _build(args) -> int:
    from szreport.build import uptodate

    options = build_options(args)
    if uptodate.nothing_to_do(options):
        return 0
    from szreport.build import pipeline as build

    return build.build(options)


def _serve(args) -> int:
    from szreport import serve as serve_mod

    build_options(args)  # bad options exit 2 here, before anything is served
    if not 0 <= args.port <= 65535:
        raise build_mod.BuildError(f"--port must be in 0..65535, got {args.port}", 2)
    root = report_notebooks.project_root()
    out_dir = args.out or root / "reports"
    argv = (
        [f"--out={out_dir}"] + [f"--lang={x}" for x in args.lang or []] + [f"--format={x}" for x in args.format or []]
    )
    argv += [f"--only={x}" for x in args.only] + [f"--param={x}" for x in args.param]
    argv += [f"--param-file={args.param_file}"] if args.param_file else []
    argv += [f"--data={args.data}"] if args.data else []
    argv += [f"--jobs={args.jobs}"] if args.jobs else []
    argv += [
        flag
        for flag, on in (
            ("--show-code", args.show_code),
            ("--force", args.force),
            ("--quiet", args.quiet),
            ("--verbose", args.verbose),
        )
        if on
    ]
    watch = serve_mod.watched_paths(root, args.data, Path(args.param_file) if args.param_file else None)
    return serve_mod.run(argv, out_dir, watch, port=args.port)


def build_options(args) -> build_mod.Options:
    """The build's options from the command line's (build and serve)."""
    if args.jobs is not None and args.jobs < 1:
        raise build_mod.BuildError(f"--jobs must be at least 1, got {args.jobs}", 2)
    parameters = {}
    if args.param_file:
        from szreport import params as params_mod

        parameters = params_mod.load_file(args.param_file)
    parameters.update(_parse_assignments(args.param))
    return build_mod.Options(
        langs=list(dict.fromkeys(args.lang or build_mod.LANGS)),
        formats=list(dict.fromkeys(args.format or build_mod.FORMATS)),
        only=list(dict.fromkeys(args.only)),
        parameters=parameters,
        data_dir=args.data,
        out_dir=args.out,
        jobs=args.jobs,
        show_code=args.show_code,
        force=args.force,
        verbosity=0 if args.quiet else 2 if args.verbose else 0 if os.environ.get("CI") else 1,
    )


def _params(args) -> int:
    from szreport import params as params_mod

    notebooks = report_notebooks.discover_notebooks(report_notebooks.project_root() / "notebooks")
    if args.name and args.name not in notebooks:
        raise build_mod.BuildError(f"unknown report {args.name!r}; available: {', '.join(notebooks)}", 2)
    if args.markdown:
        print(params_mod.markdown_table({n: p for n, p in notebooks.items() if not args.name or n == args.name}))
        return 0
    for name, path in notebooks.items():
        if args.name and name != args.name:
            continue
        print(f"{name} ({path.name}):")
        for parameter in params_mod.read_parameters(path).values():
            print(f"  {parameter.describe()}")
    return 0


def _check_data(args) -> int:
    from szreport.data import loader as data_mod

    folder = args.folder or report_notebooks.project_root() / "data"
    problems = data_mod.validate(folder)
    if problems:
        print(data_mod.DataError(problems, Path(folder).resolve()), file=sys.stderr)
        return 2
    ds = data_mod.load(folder)
    print(
        f"{Path(folder).resolve()}: valid ({len(ds.figures)} figures, {len(ds.series)} series values, "
        f"{len(ds.sources)} sources, {len(ds.indicators)} indicators"
        + (f", {len(ds.claims)} claims" if ds.claims is not None else "")
        + ")"
    )
    strays = data_mod.stray_files(folder)
    if strays:
        print(f"{len(strays)} file(s) not in the schema, never read nor bundled: " + ", ".join(map(repr, strays)))
    warnings = data_mod.source_warnings(ds)
    if warnings:
        print(f"{len(warnings)} source(s) to complete or explain:")
        for problem in warnings:
            print(f"  - {problem}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
