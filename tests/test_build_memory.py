"""What a build keeps in memory while it indexes and checks the built site."""

import os
import subprocess
import sys
import textwrap

# Runs `make html`'s build and counts, when the search index starts, the
# articles and pages still alive in the build's process.
WATCHED_BUILD = textwrap.dedent("""
    import gc, sys
    from pelican.contents import Content
    from khuyenhoc.build import strict as build
    from khuyenhoc.search import index as search_index
    original, alive = search_index.write_index, []
    def counted(staging):
        gc.collect()
        alive.append(sum(isinstance(o, Content) for o in gc.get_objects()))
        return original(staging)
    search_index.write_index = counted
    code = build.main(["pelicanconf.py"])
    print("alive:", alive)
    sys.exit(code)
""")


def test_no_article_of_the_run_is_held_while_the_site_is_indexed(site):
    # Pelican memoizes every content's HTML on its class for the life of the
    # process: the index and the link check would otherwise run beside all
    # of the run's articles instead of in their memory.
    for number in (1, 2, 3):
        site.article(f"bai-{number}.md", title=f"Bài số {number}", body="Nội dung.")
    result = subprocess.run(
        [sys.executable, "-c", WATCHED_BUILD], cwd=site.root, capture_output=True, text=True,
        env=dict(os.environ, PYTHONPATH=str(site.root / "plugins")))
    assert result.returncode == 0, result.stderr
    assert "alive: [0]" in result.stdout
    assert (site.output / "bai-so-1" / "index.html").is_file()
