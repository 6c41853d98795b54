"""Every threshold the answer and abstention logic uses, in one place, calibrated on the project's gold questions."""

CANDIDATES = 10            # top fused passages considered as answer sentences
MIN_CORPUS_COVERAGE = 0.5  # idf-weighted share of the question's topic words the articles use at all
MIN_COVERAGE = 0.1        # idf-weighted share of topic words in the answer sentence (its paragraph counts less)
CONTEXT_CREDIT = 0.6       # a topic word found only in the sentence's paragraph, heading or title counts this much
MIN_FIGURE_SUPPORT = 0.4   # a figure answer: share of topic words in the figure's clause (the sentence counts less)
MIN_DATE_SUPPORT = 0.25    # ... a date, period or ordinal answer: lower, as a date's clause rarely repeats the question
SENTENCE_CREDIT = 0.5      # ... a topic word elsewhere in the figure's sentence counts this much
FIGURE_CONTEXT_CREDIT = 0.3  # ... and one only in the title, heading or paragraph so far this much
CLAIMED_CREDIT = -0.5      # ... and one only in the phrase trailing another figure of the sentence counts against
ENGLISH_MIN_DENSE_Z = 2.22 # English questions: the best passage must stand this many deviations above the average
FIGURE_BONUS = 0.35        # sentence score bonus for holding a figure of the expected kind
SCORE_WEIGHT = 1.0         # sentence score weight of its fused retrieval score (relative to the best passage)
FOLLOWUP_OWN_SHARE = 0.6   # a follow-up's coverage: weight of its own words next to the carried-over topic
