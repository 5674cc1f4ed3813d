"""One Markdown escaper for citations, tables and CHANGES.md: what it escapes reads back as the text."""
import pytest

from unlearn_bib.text.markdown import escape

HOSTILE = ["*a* _b_ **c**", "`code`", "[x](javascript:alert(1))", "![i](http://x)", "<script>x</script>",
           "~~gone~~", "$x^2$", "a | b", "# heading", "&amp; &#38; &copy;", "back\\slash", "C# and F#",
           "<https://example.org>", "a\\*b"]


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_renders_as_itself(text):
    markdown_it = pytest.importorskip("markdown_it")
    md = markdown_it.MarkdownIt("commonmark").enable("table").enable("strikethrough")
    tokens = md.parse(escape(text))
    inline = [t for t in tokens if t.type == "inline"]
    assert len(inline) == 1 and [c.type for c in inline[0].children] == ["text"] * len(inline[0].children)
    assert "".join(c.content for c in inline[0].children) == text


def test_every_markup_character_is_escaped_and_plain_text_is_not_touched():
    assert escape("\\`*_[]<>|~$") == "\\\\\\`\\*\\_\\[\\]\\<\\>\\|\\~\\$"
    assert escape("Tom & Jerry: a-b, 'c' (d). 100%!") == "Tom & Jerry: a-b, 'c' (d). 100%!"


def test_a_hash_is_escaped_where_it_would_make_or_close_a_heading():
    assert escape("C# and F#") == "C# and F#"  # mid-line: never a heading
    assert escape("# not a heading") == "\\# not a heading" and escape("  ## x") == "  \\## x"
    assert escape("Notes on C#", heading=True) == "Notes on C\\#"
    markdown_it = pytest.importorskip("markdown_it")
    tokens = markdown_it.MarkdownIt("commonmark").parse("## " + escape("Notes #", heading=True))
    assert tokens[0].type == "heading_open" and tokens[1].content == "Notes \\#"
    assert tokens[1].children[0].content == "Notes #"


def test_the_three_writers_use_it():
    from unlearn_bib.export import citations, tables
    from unlearn_bib.release import changes

    for module in (citations, tables, changes):
        assert module.escape_markdown is escape, module.__name__
