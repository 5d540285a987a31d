/** English stop words left out of the index and of queries, so "how do I sync my notes" searches for "sync notes". */

// Question and helper words are included on purpose: users type questions, and these words carry no topic.
export const STOP_WORDS: ReadonlySet<string> = new Set(
	(
		"a about above after again against all also am an and any are aren't as at be because been before being below " +
		"between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each " +
		"either else etc ever every few for from further get gets getting got had hadn't has hasn't have haven't having he " +
		"her here hers herself him himself his how however i if in into is isn't it it's its itself just let like me " +
		"might more most much must my myself no nor not now of off on once only or other ought our ours ourselves out " +
		"over own same shall she should shouldn't so some such than that that's the their theirs them themselves then " +
		"there there's these they this those through to too under until up upon us very via want wants was wasn't we " +
		"were weren't what what's when where which while who whom whose why will with within without won't would " +
		"wouldn't yes yet you your yours yourself yourselves want need way get got make made one thing things something someone anyone anything possible able really still even using"
	).split(" "),
);
