import Playbook
import ReachCatalogue

/// `check`: one go-live requirement. A failing check fails its step but not at once the run:
/// the next checks still run, and the run ends failed naming every check that did not pass.
struct CheckExecutor: Sendable {
  let context: RunContext

  func run(_ check: CheckStep, _ reference: StepReference, _ state: RunState) async throws(StepFailure)
    -> StepExecutor.StepResult
  {
    let problems: [String]
    switch check {
    case .webhook(let url, let endpoint, let within):
      problems = try await webhook(evaluate(url, state), endpoint, within, reference)
    case .https(let paths):
      problems = scan(try pathList(paths, state), reference, GoLiveScan.insecureURLs)
    case .secrets(let paths):
      let sources = context.probe.credentialSources
      for source in sources { context.emit(.evidence(reference, Evidence(subject: "credentials", note: source))) }
      var found = sources.isEmpty ? ["the run does not say where its credentials come from"] : []
      found += scan(try pathList(paths, state), reference, GoLiveScan.literalSecrets)
      problems = found
    case .rateLimit(let perSecond, let calls):
      problems = await rateLimit(perSecond, calls, reference)
    }
    let findings = JSONValue.array(problems.map { .string(context.redact($0)) })
    guard problems.isEmpty else {
      context.failedChecks.add(reference.description)
      // One problem a line, so the console, the overview and the failure section show each.
      let message = problems.joined(separator: "\n")
      state.row?.checkFailed("\(reference.label) failed: " + context.redact(problems[0]))
      return StepExecutor.StepResult(value: ["findings": findings], outcome: .failed(context.redact(message)))
    }
    return StepExecutor.StepResult(value: ["findings": findings])
  }

  private func evaluate(_ template: Template, _ state: RunState) throws(StepFailure) -> String {
    do {
      return try template.evaluate(in: state.environment(context)).interpolated
    } catch {
      throw StepFailure.from(error)
    }
  }

  private func pathList(_ value: TemplateValue, _ state: RunState) throws(StepFailure) -> [String] {
    let evaluated: JSONValue
    do {
      evaluated = try value.evaluate(in: state.environment(context))
    } catch {
      throw StepFailure.from(error)
    }
    let items = evaluated.arrayValue ?? [evaluated]
    return items.compactMap { $0.isNull ? nil : $0.interpolated }.filter { !$0.isEmpty }
  }

  private func scan(
    _ paths: [String], _ reference: StepReference, _ scanner: ([String]) -> [GoLiveScan.Finding]
  ) -> [String] {
    let (files, missing) = GoLiveScan.files(paths)
    for path in missing {
      context.emit(.evidence(reference, Evidence(subject: path, note: "not present; nothing to scan")))
    }
    let findings = scanner(paths)
    context.emit(
      .evidence(
        reference,
        Evidence(
          subject: paths.joined(separator: ", "),
          note:
            "\(files.count) file\(files.count == 1 ? "" : "s") scanned, \(findings.count) finding\(findings.count == 1 ? "" : "s")"
        )))
    return findings.map(\.description)
  }

  /// A sample of every type, each answered 200 within `within` over https; a callback's
  /// duplicate answered 200 too.
  private func webhook(_ given: String, _ endpoint: WebhookEndpoint, _ within: Duration, _ reference: StepReference)
    async -> [String]
  {
    var url = given
    if given == "embedded" {
      guard let embedded = await context.probe.embeddedReceiver(endpoint) else {
        return [
          "'embedded' is the receiver reach starts against the embedded sandbox; this run has none, so give the endpoint's URL"
        ]
      }
      url = embedded
    }
    guard url.lowercased().hasPrefix("https://") else {
      return ["\(url) is not https:// (2.3: the platform posts only to HTTPS endpoints)"]
    }
    var problems: [String] = []
    var samples = WebhookSamples.payloads(endpoint, id: context.uuid(), now: context.now())
    if endpoint == .callback, let first = samples.first {
      samples.append(("\(first.type) again (duplicate)", first.body))
    }
    for (index, sample) in samples.enumerated() {
      let result = await context.probe.post(url, body: sample.body, timeout: within)
      context.emit(
        .evidence(
          reference,
          Evidence(
            subject: "POST \(url) \(sample.type)", status: result.status, elapsed: result.elapsed,
            transactionID: sample.body["transactionId"]?.stringValue, note: result.error)))
      if let error = result.error {
        problems.append("\(sample.type): no answer from \(url): \(error)")
        // An endpoint that does not answer would not answer the rest either: say so, do not wait.
        let left = samples.count - index - 1
        if left > 0 { problems.append("the other \(left) sample\(left == 1 ? "" : "s") were not posted") }
        break
      } else if result.status != 200 {
        problems.append("\(sample.type): \(url) answered HTTP \(result.status.map { String($0) } ?? "?"), expected 200")
      } else if result.elapsed > within {
        problems.append(
          "\(sample.type): \(url) took \(PlaybookDuration.format(result.elapsed)), more than \(PlaybookDuration.format(within))"
        )
      }
    }
    return problems
  }

  /// Every call completes, and each wait after a 429 follows 2.4: 1, 2, 4 … seconds up to 60,
  /// and no call retries after its fifth consecutive 429 ("after 5 consecutive failures … stop
  /// retrying"), so at most 4 retries in a row.
  private func rateLimit(_ perSecond: Int, _ calls: Int, _ reference: StepReference) async -> [String] {
    let result = await context.probe.rateLimited(perSecond: perSecond, calls: calls)
    var problems: [String] = []
    if result.calls.count != calls {
      problems.append("\(result.calls.count) of \(calls) calls were made against the rate-limited sandbox")
    }
    let waits = result.calls.flatMap(\.waits)
    context.emit(
      .evidence(
        reference,
        Evidence(
          subject: "\(calls) calls at \(perSecond)/s",
          note: "\(result.calls.filter { $0.status.map { (200..<300).contains($0) } ?? false }.count) completed, "
            + "\(waits.count) back-off\(waits.count == 1 ? "" : "s"): "
            + (waits.isEmpty ? "none" : waits.map { PlaybookDuration.format($0) }.joined(separator: ", ")))))
    for (index, call) in result.calls.enumerated() {
      if let error = call.error {
        problems.append("call \(index + 1): \(error)")
      } else if let status = call.status, !(200..<300).contains(status) {
        problems.append("call \(index + 1) ended with HTTP \(status)")
      }
      if call.waits.count > 4 {
        problems.append(
          "call \(index + 1) retried \(call.waits.count) times in a row; 2.4 stops at the fifth consecutive 429")
      }
      // 2.4: retry 1 waits 1 s, retry 2 waits 2 s, retry 3 4 s, doubling up to 60 s.
      for (retry, wait) in call.waits.enumerated() {
        let expected = Backoff.guide.delay(after: retry)
        guard wait != expected else { continue }
        problems.append(
          "call \(index + 1) waited \(PlaybookDuration.format(wait)) before retry \(retry + 1); "
            + "2.4 says \(PlaybookDuration.format(expected))")
      }
    }
    if waits.isEmpty && problems.isEmpty {
      problems.append("no call was answered 429, so no back-off was observed; make more calls or lower rate_limit")
    }
    return problems
  }
}
