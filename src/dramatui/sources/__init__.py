"""Shows from elsewhere: clients of public APIs that know nothing of files or the screen.

``tvmaze`` is TVmaze's JSON API (search, lookup, a show with its episodes and cast), and
``tvmaze_models`` the shapes of its answers; ``html_text`` turns their HTML summaries into
plain paragraphs; ``show_toml`` turns a TVmaze show into a show file and merges a newer
answer into a file the user has since written in.
"""
