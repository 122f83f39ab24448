"""The conventions every subcommand shares, in one place.

- Who is acting: ``--as NAME`` (:func:`as_option`); ``--annotator NAME`` only where it
  names whose annotations are meant.
- Several values (``--docs``, ``--annotators``, ``--to``): list them after the option,
  separate them with commas, or repeat the option; all three mix
  (``--docs d1 d2,d3 --docs d4``). The values listed after it end at the next word
  that starts with ``-``.
- Errors: one line ``error: …`` on stderr, exit status 2, for the program's own errors
  and for mistakes in the command line alike (:class:`Command`, :class:`Group`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

MANY_HELP = "Give several after the option, comma-separated, or repeated."


class PlainError(click.ClickException):
    """A mistake shown as ``error: …`` (exit 2), with a pointer to ``--help`` for mistakes
    in the command line."""

    exit_code = 2

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint

    def show(self, file: Any = None) -> None:
        click.echo(f"error: {self.format_message()}", err=True)
        if self.hint:
            click.echo(self.hint, err=True)


def _plain(exc: click.ClickException, renamed: dict[str, str] | None = None) -> PlainError:
    if isinstance(exc, PlainError):
        return exc
    message = exc.format_message()
    if isinstance(exc, click.NoSuchOption) and renamed and exc.option_name in renamed:
        message = f"no option {exc.option_name}: it is called {renamed[exc.option_name]} now"
    message = message[:1].lower() + message[1:] if message[:2] != message[:2].upper() else message
    hint = None
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, click.UsageError) and ctx is not None and ctx.help_option_names:
        hint = f"Try '{ctx.command_path} {ctx.help_option_names[0]}' for help."
    return PlainError(message, hint)


class ManyOption(click.Option):
    """An option that takes several values: after it, comma-separated, or repeated."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("multiple", True)
        super().__init__(*args, **kwargs)


def expand_many(args: Sequence[str], many: Iterable[str]) -> list[str]:
    """``--docs a b --x`` -> ``--docs a --docs b --x`` for the options in *many*."""
    names = set(many)
    out: list[str] = []
    current: str | None = None
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            out.extend(args[i:])
            break
        if current is not None and not arg.startswith("-"):
            out += [current, arg]
            i += 1
            continue
        current = None
        name = arg.split("=", 1)[0]
        if name in names:
            current = name
            if "=" not in arg and i + 1 < len(args):
                out += [arg, args[i + 1]]
                i += 2
                continue
        out.append(arg)
        i += 1
    return out


def _many_names(command: click.Command) -> list[str]:
    return [o for p in command.params if isinstance(p, ManyOption) for o in p.opts if o.startswith("--")]


class Command(click.Command):
    """A subcommand that follows the conventions above. *renamed* maps an option's old
    spelling to its new one, to say so when the old one is used (it is not accepted)."""

    def __init__(self, *args: Any, renamed: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.renamed = dict(renamed or {})

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, expand_many(args, _many_names(self)))
        except click.ClickException as exc:
            raise _plain(exc, self.renamed) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.ClickException as exc:
            raise _plain(exc, self.renamed) from None


class Group(click.Group):
    """A group of subcommands (``annotators``, ``entities``, ...) that follow the conventions."""

    command_class = Command

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.ClickException as exc:
            raise _plain(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.ClickException as exc:
            raise _plain(exc) from None


def split_values(values: Iterable[str] | str | None) -> list[str]:
    """The values of a :class:`ManyOption` (or one comma-separated string), each once, in order."""
    if values is None:
        return []
    items = [values] if isinstance(values, str) else list(values)
    return list(dict.fromkeys(v.strip() for item in items for v in item.split(",") if v.strip()))


def docs_option(help: str = "Only these documents") -> Callable[[F], F]:
    """``--docs ID...``: document ids."""
    return click.option("--docs", "docs", cls=ManyOption, metavar="ID...", help=f"{help}. {MANY_HELP}")


def annotators_option(help: str) -> Callable[[F], F]:
    """``--annotators NAME...``: whose work (several names)."""
    return click.option("--annotators", "annotators", cls=ManyOption, metavar="NAME...", help=f"{help}. {MANY_HELP}")


def as_option(help: str = "Who is acting (recorded in the change log); an annotator of the project.",
              required: bool = False) -> Callable[[F], F]:
    """``--as NAME``: who is acting."""
    return click.option("--as", "acting", default=None, required=required, metavar="NAME", help=help)
