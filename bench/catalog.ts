import { discoverCatalog } from '../server/src/bedrock/discovery';
import { AwsSandbox } from '../test/awsSandbox';
import { FakeBedrock } from '../test/fakeBedrock/fakeBedrock';

/** Cold discovery of the live catalog from the fake Bedrock on 127.0.0.1, with latency added. */
export interface DiscoveryFigures {
  latencyMs: number;
  pageSize: number;
  totalMs: number;
  entries: number;
  listings: Listing[];
  /** What the listings would take one after another, and what the longest takes alone. */
  oneAfterAnotherMs: number;
  longestListingMs: number;
  /** The first requests of all listings arrived within half a latency of each other. */
  startedTogether: boolean;
}

export interface Listing {
  name: string;
  /** When each page's request arrived, in ms after discovery started. */
  pageStarts: number[];
}

const LATENCY_MS = 200;
/** Small pages, so the 14 system-defined profiles of the fake's catalog take several requests. */
const PAGE_SIZE = 4;

export async function measureDiscovery(): Promise<DiscoveryFigures> {
  const fake = await FakeBedrock.start();
  const sandbox = new AwsSandbox();
  sandbox.enter();
  try {
    fake.delay('*', LATENCY_MS);
    fake.pageSize = PAGE_SIZE;
    // The request log's times come from Date.now(), so this does too.
    const started = Date.now();
    const entries = await discoverCatalog({ region: 'us-east-1', endpoint: fake.controlEndpoint, profile: 'fake' }, {});
    const totalMs = Date.now() - started;

    const listingOf = (request: (typeof fake.requests)[number]) =>
      request.operation === 'ListInferenceProfiles' ? `ListInferenceProfiles (${request.query.type ?? 'all'})` : String(request.operation);
    const byListing = new Map<string, number[]>();
    for (const request of fake.requests) {
      const name = listingOf(request);
      byListing.set(name, [...(byListing.get(name) ?? []), request.time - started]);
    }
    const listings = [...byListing].map(([name, pageStarts]) => ({ name, pageStarts }));
    const firstStarts = listings.map((listing) => listing.pageStarts[0]!);
    const pages = listings.map((listing) => listing.pageStarts.length);
    return {
      latencyMs: LATENCY_MS,
      pageSize: PAGE_SIZE,
      totalMs,
      entries: entries.length,
      listings,
      oneAfterAnotherMs: pages.reduce((sum, count) => sum + count, 0) * LATENCY_MS,
      longestListingMs: Math.max(...pages) * LATENCY_MS,
      startedTogether: Math.max(...firstStarts) - Math.min(...firstStarts) < LATENCY_MS / 2,
    };
  } finally {
    sandbox.restore();
    await fake.stop();
  }
}
