// Reads a JSON Feed from standard input with feedsmith, a feed library readers use, and prints
// what it understood as JSON: the feed's title and URLs and each item's id, url and title.
// Exit code 1 with the reason when feedsmith does not take the document as a JSON Feed.
import { detectJsonFeed, parseJsonFeed } from 'feedsmith';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const text = Buffer.concat(chunks).toString('utf8');
try {
  const value = JSON.parse(text);
  if (!detectJsonFeed(value)) throw new Error('not recognised as a JSON Feed');
  const feed = parseJsonFeed(value);
  process.stdout.write(JSON.stringify({
    title: feed.title ?? null,
    homePageUrl: feed.home_page_url ?? feed.homePageUrl ?? null,
    feedUrl: feed.feed_url ?? feed.feedUrl ?? null,
    items: (feed.items ?? []).map(i => ({ id: i.id ?? null, url: i.url ?? null, title: i.title ?? null })),
  }));
} catch (error) {
  process.stderr.write(String(error && error.message || error));
  process.exit(1);
}
