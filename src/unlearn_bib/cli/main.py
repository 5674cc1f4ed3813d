"""The command line's entry point: the `unlearn-bib` group, which loads a command's module only when it runs.

This is the one place where ``UnlearnBibError`` becomes a message and exit code 1.
Commands live in cli/catalog.py, cli/bib.py and cli/release.py, what they share in cli/common.py;
heavy modules are imported inside command bodies so that start-up stays fast.
"""
from __future__ import annotations

import sys

import click

from unlearn_bib import __version__
from unlearn_bib.errors import UnlearnBibError

# command name -> (module under unlearn_bib, function): imported when the command runs or help lists it
COMMANDS = {
    "check": ("cli.catalog", "check"),
    "cite": ("cli.catalog", "cite"),
    "diff": ("cli.release", "diff"),
    "export": ("cli.catalog", "export"),
    "import": ("cli.bib", "import_"),
    "list": ("cli.catalog", "list_"),
    "normalize": ("cli.bib", "normalize"),
    "release": ("cli.release", "release"),
    "styles": ("cli.catalog", "styles_"),
    "update": ("cli.bib", "update"),
    "venues": ("cli.catalog", "venues"),
}


class Group(click.Group):
    """Commands imported on demand (start-up pays only for the one that runs); errors rendered as one message."""

    def list_commands(self, ctx):
        return sorted(COMMANDS)

    def get_command(self, ctx, name):
        if name not in COMMANDS:
            return None
        import importlib

        module, function = COMMANDS[name]
        return getattr(importlib.import_module(f"unlearn_bib.{module}"), function)

    def resolve_command(self, ctx, args):
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand as exc:  # click suggests from self.commands, empty here
            raise click.exceptions.NoSuchCommand(exc.command_name, possibilities=COMMANDS, ctx=ctx) from None

    def invoke(self, ctx):
        try:
            result = super().invoke(ctx)
            if ctx.meta.get("unlearn_bib.left_out"):  # cli.common.load left bad entries of the user's file out
                ctx.exit(1)
            return result
        except UnlearnBibError as exc:
            from unlearn_bib.text.terminal import visible_lines

            text = visible_lines(str(exc))
            if len(exc.problems) > 1:  # every problem gets the same prefix, not only the first
                lines = text.split("\n")
                for line in lines[:-1]:
                    click.echo(f"Error: {line}", err=True)
                text = lines[-1]
            raise click.ClickException(text) from None
        except BrokenPipeError:  # `unlearn-bib export | head`
            sys.stderr.close()
            sys.exit(0)
        except OSError as exc:  # a file-system failure not caught nearer: still one line, no traceback
            from unlearn_bib.files.read import describe

            where = f"{exc.filename}: " if exc.filename else ""
            raise click.ClickException(f"{where}{describe(exc)}") from None
        finally:
            import gc

            gc.unfreeze()  # see cli_common.load()


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="unlearn-bib")
def main():
    """A verified bibliography of machine unlearning for diffusion models.

    \b
    Examples:
      unlearn-bib export --format bibtex > refs.bib
      unlearn-bib export --format text --style ieee --section benchmark
      unlearn-bib cite gong2024reliable --style apa
      unlearn-bib check
    """
