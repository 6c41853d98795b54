"""Gradio chat page for hoidap: `ui.app.build_app(assistant)`, served by `hoidap chat` (ui.command)."""
