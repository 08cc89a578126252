import Playbook

/// `--report junit=PATH`: JUnit XML that CI systems read, one testcase per finished or skipped
/// step (nested steps included, named by their scope), in the order they ended.
public enum JUnitReport {
  public static func xml(_ events: [RunEvent]) -> String {
    var playbook = "playbook"
    var file = ""
    var cases: [String] = []
    var failures = 0
    var skipped = 0
    var total = Duration.zero
    for event in events {
      switch event {
      case .runStarted(let name, let path):
        playbook = name
        file = path
      case .stepSkipped(let step, let condition):
        skipped += 1
        cases.append(testcase(step, file, .zero, "<skipped message=\"\(escape("if \(condition) did not hold"))\"/>"))
      case .stepFinished(let step, let outcome, let duration, _):
        switch outcome {
        case .passed:
          cases.append(testcase(step, file, duration, nil))
        case .manual(let text):
          skipped += 1
          cases.append(testcase(step, file, duration, "<skipped message=\"\(escape("manual check: \(text)"))\"/>"))
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
        total = duration
        if case .invalid(let diagnostics) = outcome {
          failures += 1
          let text = diagnostics.map(\.description).joined(separator: "\n")
          cases.append(
            "    <testcase name=\"validate\" classname=\"\(escape(file))\" time=\"0.000\"><failure message=\"invalid playbook\">\(escape(text))</failure></testcase>"
          )
        }
      case .stepStarted, .callAnswered, .pollAttempt, .logged, .evidence, .rowsStarted, .rowFinished:
        break
      }
    }
    return """
      <?xml version="1.0" encoding="UTF-8"?>
      <testsuites>
        <testsuite name="\(escape(playbook))" tests="\(cases.count)" failures="\(failures)" skipped="\(skipped)" time="\(seconds(total))">
      \(cases.joined(separator: "\n"))
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
    var out = ""
    for c in text {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      default: out.append(c)
      }
    }
    return out
  }
}
