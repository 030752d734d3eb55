// The ideal wall time of a run against a server that waits a fixed latency L before each answer
// (`serve --latency L`), from the run's report.json.
//
//   requests(s)  = the requests scenario s sent: its step records (HTTP requests and WebSocket
//                  turns alike, since the server delays each response.create; the upgrade is not
//                  delayed and is no step) plus their retries
//   makespan(S)  = the rounds a greedy schedule of S needs at concurrency c: the scenarios with the
//                  most requests first (as runPool takes them at c > 1, src/runner/run.ts, which
//                  also starts the costly ones first: no change in rounds), each
//                  started on the first free of c slots and taking requests(s) rounds, one request
//                  after another; for the catalogue this is also the lower bound
//                  max(longest scenario, ⌈all requests / c⌉), which is printed beside it
//   ideal        = L × (makespan(the other scenarios) + makespan(the error paths))
//
// Error paths start only once every other scenario has finished, as the runner does. The ideal is
// what the run would take if nothing but the server's latency cost any time.

const ERROR_PATH_TAG = 'error-path';

function requests(scenario) {
  return (scenario.steps ?? []).reduce((sum, step) => sum + 1 + (step.retries ?? 0), 0);
}

function makespan(lengths, concurrency) {
  const slots = new Array(concurrency).fill(0);
  const order = concurrency > 1 ? [...lengths].sort((a, b) => b - a) : lengths;
  for (const length of order) {
    const first = slots.indexOf(Math.min(...slots));
    slots[first] += length;
  }
  return Math.max(...slots);
}

/** The rounds of requests the report's run needs at `concurrency`, and how many requests it sent. */
export function idealRounds(report, concurrency) {
  const lengths = (errorPath) => report.scenarios.filter((s) => s.tags.includes(ERROR_PATH_TAG) === errorPath).map(requests);
  const lowerBound = (list) => (list.length === 0 ? 0 : Math.max(Math.max(...list), Math.ceil(list.reduce((a, b) => a + b, 0) / concurrency)));
  return {
    rounds: makespan(lengths(false), concurrency) + makespan(lengths(true), concurrency),
    lowerBound: lowerBound(lengths(false)) + lowerBound(lengths(true)),
    requests: report.scenarios.reduce((sum, s) => sum + requests(s), 0),
  };
}
