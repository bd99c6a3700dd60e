"""The screen half of dramatui: Textual app, screens and widgets."""
