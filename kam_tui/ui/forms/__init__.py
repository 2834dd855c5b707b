"""The form framework: dialogs, field rows, the discard and confirm questions, pickers."""
