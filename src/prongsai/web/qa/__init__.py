"""Questions and answers (Q&A): the public asks, a member of the agency answers, and only
answered questions are published."""
