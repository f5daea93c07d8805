"""The page's panels, in Streamlit. app.py composes them; all maths lives in rnnlab."""
