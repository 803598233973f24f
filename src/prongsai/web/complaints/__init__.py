"""Reports of corruption and misconduct: the anonymous public channel, the complaint officers'
case handling, the public statistics and the complaints guideline."""
