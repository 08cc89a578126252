import Playbook
import ReachCatalogue

/// `--report junit=PATH`: JUnit XML that CI systems read, one testcase per finished or skipped
/// step (nested steps included, named by their scope), in the order they ended.
///
/// Times are the run's clock, unless `wall` gives, for each event, when it arrived on the wall
/// clock (since the run started): then they are wall time, and the run's own clock (a sandbox's
/// simulated one, where minutes of activation pass in milliseconds) is the suite's property
/// `runClockSeconds`.
public enum JUnitReport {
  public static func xml(_ events: [RunEvent], wall: [Duration]? = nil) -> String {
    let wall = wall.flatMap { $0.count == events.count ? $0 : nil }
    var started: [StepReference: Duration] = [:]
    var runClock = Duration.zero
    var playbook = "playbook"
    var file = ""
    var cases: [String] = []
    var failures = 0
    var skipped = 0
    var total = Duration.zero
    for (index, event) in events.enumerated() {
      // The step's time on the wall clock: from its start event to this one.
      func time(_ step: StepReference, _ duration: Duration) -> Duration {
        guard let wall else { return duration }
        return started[step].map { wall[index] - $0 } ?? .zero
      }
      switch event {
      case .runStarted(let name, let path):
        playbook = name
        file = path
      case .stepSkipped(let step, let condition):
        skipped += 1
        cases.append(testcase(step, file, .zero, "<skipped message=\"\(escape("if \(condition) did not hold"))\"/>"))
      case .stepStarted(let step):
        if let wall { started[step] = wall[index] }
      case .stepFinished(let step, let outcome, let runDuration, _):
        let duration = time(step, runDuration)
        switch outcome {
        case .passed:
          cases.append(testcase(step, file, duration, nil))
        case .manual(let text):
          skipped += 1
          cases.append(testcase(step, file, duration, "<skipped message=\"\(escape("manual check: \(text)"))\"/>"))
        case .byPerson(let task):
          // It passed: the step that waits for the platform says whether the person did it.
          cases.append(
            testcase(step, file, duration, "<system-out>\(escape(task.description))</system-out>"))
        case .skipped(let reason):
          skipped += 1
          cases.append(testcase(step, file, duration, "<skipped message=\"\(escape(reason))\"/>"))
        case .failed(let message), .aborted(let message):
          failures += 1
          let first = message.split(separator: "\n").first.map(String.init) ?? message
          cases.append(
            testcase(step, file, duration, "<failure message=\"\(escape(first))\">\(escape(message))</failure>"))
        }
      case .runFinished(let outcome, let duration):
        runClock = duration
        total = wall?[index] ?? duration
        if case .invalid(let diagnostics) = outcome {
          failures += 1
          let text = diagnostics.map(\.description).joined(separator: "\n")
          cases.append(
            "    <testcase name=\"validate\" classname=\"\(escape(file))\" time=\"0.000\"><failure message=\"invalid playbook\">\(escape(text))</failure></testcase>"
          )
        }
      case .callAnswered, .pollAttempt, .logged, .evidence, .rowsStarted, .rowFinished, .contractDrift:
        break
      }
    }
    let properties =
      wall == nil
      ? ""
      : "    <properties><property name=\"runClockSeconds\" value=\"\(seconds(runClock))\"/></properties>\n"
    return """
      <?xml version="1.0" encoding="UTF-8"?>
      <testsuites>
        <testsuite name="\(escape(playbook))" tests="\(cases.count)" failures="\(failures)" skipped="\(skipped)" time="\(seconds(total))">
      \(properties)\(cases.joined(separator: "\n"))
        </testsuite>
      </testsuites>

      """
  }

  private static func testcase(_ step: StepReference, _ file: String, _ duration: Duration, _ body: String?) -> String {
    let open =
      "    <testcase name=\"\(escape(step.description))\" classname=\"\(escape(file))\" time=\"\(seconds(duration))\""
    guard let body else { return open + "/>" }
    return open + ">" + body + "</testcase>"
  }

  static func seconds(_ duration: Duration) -> String {
    let ms = duration.milliseconds
    let fraction = String(ms % 1000)
    return "\(ms / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
  }

  static func escape(_ text: String) -> String {
    MarkupEscaping.escape(text, MarkupEscaping.xml)
  }
}
