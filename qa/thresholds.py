"""Every threshold the answer and abstention logic uses, in one place, calibrated on the project's gold questions."""

CANDIDATES = 10            # top fused passages considered as answer sentences
MIN_COVERAGE = 0.6         # idf-weighted share of the question's topic words the answer sentence must hold
MIN_COVERAGE_WITH_FIGURE = 0.5   # a little less when the sentence also holds a figure of the expected kind
ENGLISH_MAX_DENSE_RANK = 3 # English questions: the answer sentence must be this high in the dense list
FIGURE_BONUS = 0.35        # sentence score bonus for holding a figure of the expected kind
RANK_WEIGHT = 0.25         # sentence score weight of its fused retrieval rank
FOLLOWUP_MAX_TOPIC = 2     # a question with this few topic words of its own leans on the conversation
CONTEXT_CREDIT = 0.6       # a topic word found only in the sentence's paragraph, heading or title counts this much
FOLLOWUP_OWN_SHARE = 0.6   # a follow-up's coverage: weight of its own words next to the carried-over topic
