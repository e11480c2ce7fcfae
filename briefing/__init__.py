"""briefing: cited, cross-checked one-page briefs from news articles."""
