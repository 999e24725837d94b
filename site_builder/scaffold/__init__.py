"""Starting things: a new agency's project (`new`), the next fiscal year (`new-year`) and a new
round's catalogue (`catalogue new`). Beside the stages, like cli/: it writes files that the
records stage then reads and checks like any other."""
