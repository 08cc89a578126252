import Foundation
import PlaybookRunner
import ReachCatalogue
import ReachClient
import ReachSandbox

/// The go-live checks' view of the outside for one `reach run`: posts to webhook endpoints over
/// the real HTTP client, a second embedded sandbox limited to a few requests per second, and
/// where the run's credentials come from.
struct RunProbe: GoLiveProbe {
  let credentialSources: [String]

  func post(_ url: String, body: JSONValue, timeout: Duration) async -> WebhookPostResult {
    let seconds = max(1, Int64((timeout + .milliseconds(999)).components.seconds))
    // One second beyond the limit, so that a slow answer is measured rather than cut off.
    let transport = AsyncHTTPTransport(timeoutSeconds: seconds + 1, maxResponseBytes: 1 << 20)
    let request = HTTPRequestData(
      method: .post, url: url, headers: [("Content-Type", "application/json")], body: Array(body.jsonText().utf8))
    let started = ContinuousClock.now
    do {
      let response = try await transport.send(request)
      return WebhookPostResult(status: response.status, elapsed: ContinuousClock.now - started)
    } catch {
      return WebhookPostResult(status: nil, elapsed: ContinuousClock.now - started, error: "\(error)")
    }
  }

  /// `calls` calls of `product.plans`, one after another, against a sandbox started for this
  /// check with `--rate-limit perSecond/s`; the waits are read off its virtual clock.
  func rateLimited(perSecond: Int, calls: Int) async -> RateLimitResult {
    let sandbox: EmbeddedSandbox
    do {
      sandbox = try await EmbeddedSandbox.start(options: SandboxOptions(rateLimit: perSecond))
    } catch {
      return RateLimitResult(calls: [RateLimitResult.Call(status: nil, waits: [], error: "\(error)")])
    }
    let client = ReachClient(target: sandbox.target, clock: sandbox.clock)
    var results: [RateLimitResult.Call] = []
    for _ in 0..<calls {
      let before = sandbox.clock.sleeps.count
      do {
        let response = try await client.send("product.plans", [:])
        results.append(RateLimitResult.Call(status: response.status, waits: Array(sandbox.clock.sleeps[before...])))
      } catch {
        results.append(
          RateLimitResult.Call(status: nil, waits: Array(sandbox.clock.sleeps[before...]), error: error.description))
      }
    }
    await sandbox.stop()
    return RateLimitResult(calls: results)
  }
}
