// The part of autocannon's API the benchmarks use (the package ships no types).
declare module "autocannon" {
  type Request = { method?: string; path?: string; headers?: Record<string, string>; body?: Buffer | string };
  type Options = {
    url: string;
    method?: string;
    connections?: number;
    amount?: number;
    duration?: number;
    timeout?: number;
    headers?: Record<string, string>;
    body?: Buffer | string;
    requests?: Array<Request & { setupRequest?: (req: Request) => Request }>;
  };
  type Histogram = { p50: number; p90: number; p97_5: number; p99: number; average: number };
  type Result = {
    requests: { total: number; average: number };
    throughput: { average: number };
    latency: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
  };
  function autocannon(opts: Options): Promise<Result>;
  export default autocannon;
}
