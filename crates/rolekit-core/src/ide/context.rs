//! Placeholder until the cursor context lands.
