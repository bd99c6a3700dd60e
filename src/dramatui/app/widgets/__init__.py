"""The three panes and their small parts. Widgets never open files."""
