//! The suite can fail: a read-then-write variant of one transition is caught.
