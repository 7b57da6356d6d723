/// Placeholder.
enum PhilosophyPlaceholder {}
