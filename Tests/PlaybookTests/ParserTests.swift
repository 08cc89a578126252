import Foundation
import Playbook
import ReachCatalogue
import Testing

@Suite struct ParserTests {
  @Test func parsesTheIssueExampleWithPositions() throws {
    let result = Fixtures.parse("suspend.yaml")
    #expect(result.diagnostics.isEmpty)
    let playbook = try #require(result.playbook)
    #expect(
      playbook.name == Located("Suspend one subscriber", at: SourceLocation(file: "suspend.yaml", line: 2, column: 7)))
    #expect(playbook.description == "Checks the line is active, suspends it, confirms.")
    #expect(
      playbook.inputs == [
        Input(
          name: "customerId", type: .string, required: true,
          location: SourceLocation(file: "suspend.yaml", line: 5, column: 3)),
        Input(
          name: "reason", type: .string, defaultValue: "BILLDUE",
          location: SourceLocation(file: "suspend.yaml", line: 6, column: 3)),
      ])
    #expect(playbook.vars.map(\.key) == ["attempts"])
    #expect(playbook.vars[0].value.literal == 0)
    #expect(playbook.steps.map { $0.id?.value } == ["info", "suspend", "confirm"])

    // Yams marks are 1-based; a step's location is its first key, right of the dash.
    let info = playbook.steps[0]
    #expect(info.location == SourceLocation(file: "suspend.yaml", line: 10, column: 5))
    #expect(info.id?.location == SourceLocation(file: "suspend.yaml", line: 10, column: 9))
    guard case .call(let call) = info.kind else {
      Issue.record("info is not a call")
      return
    }
    #expect(call.endpoint == Located("customer.info", at: SourceLocation(file: "suspend.yaml", line: 11, column: 11)))
    #expect(call.arguments.map(\.key) == ["customerId"])
    #expect(call.arguments[0].keyLocation == SourceLocation(file: "suspend.yaml", line: 12, column: 13))
    // The expression inside the quoted value starts after `"${{ `.
    let expression = try #require(call.arguments[0].value.expressions.first)
    #expect(expression.source == "inputs.customerId")
    #expect(expression.location == SourceLocation(file: "suspend.yaml", line: 12, column: 30))

    let suspend = playbook.steps[1]
    #expect(suspend.condition?.single?.source == "steps.info.status == 2")
    #expect(suspend.condition?.single?.location == SourceLocation(file: "suspend.yaml", line: 15, column: 14))
    guard case .call(let suspendCall) = suspend.kind else {
      Issue.record("suspend is not a call")
      return
    }
    #expect(suspendCall.expect?.status == [.code(200)])

    guard case .call(let confirm) = playbook.steps[2].kind, let poll = confirm.poll else {
      Issue.record("confirm does not poll")
      return
    }
    #expect(poll.every == .seconds(5))
    #expect(poll.timeout == .seconds(120))
    #expect(poll.until?.single?.source == "response.status != 2")
    #expect(poll.location == SourceLocation(file: "suspend.yaml", line: 22, column: 11))
    #expect(playbook.outputs.map(\.key) == ["finalStatus"])
  }

  @Test func parsesWaitForWithItsPositions() throws {
    let result = Fixtures.parse("wait-for.yaml")
    #expect(result.diagnostics.isEmpty)
    let playbook = try #require(result.playbook)
    guard case .waitFor(let paid) = playbook.steps[0].kind, case .waitFor(let any) = playbook.steps[1].kind else {
      Issue.record("no wait_for")
      return
    }
    #expect(paid.type == Located("PRODUCT_PURCHASE", at: SourceLocation(file: "wait-for.yaml", line: 6, column: 15)))
    #expect(paid.endpoint == "callback")
    #expect(paid.condition?.single?.source == "event.transactionId == inputs.transactionId")
    #expect(paid.condition?.single?.location == SourceLocation(file: "wait-for.yaml", line: 7, column: 16))
    #expect(paid.timeout == .seconds(15 * 60))
    #expect(paid.extract.map(\.key) == ["customerId"])
    #expect(any.type.value == "PORT_OUT" && any.endpoint == "notification")
    #expect(any.condition == nil && any.timeout == nil && any.extract.isEmpty)
  }

  @Test func parsesEveryStepKind() throws {
    let result = Fixtures.parse("every-kind.yaml")
    #expect(result.diagnostics.isEmpty)
    let playbook = try #require(result.playbook)
    #expect(playbook.steps.map(\.kind.keyword) == ["call", "switch", "foreach", "use", "set", "call"])
    #expect(playbook.inputs.map(\.type) == [.csv, .string])

    guard case .call(let info) = playbook.steps[0].kind, let expect = info.expect else {
      Issue.record("no expect")
      return
    }
    #expect(expect.status == [.code(200), .family(2)])
    // A bare condition (without `${{ }}`) is an expression too.
    #expect(
      expect.that.map { $0.single?.source } == [
        "response.status in [2, 3]", "response.customerId == inputs.customerId",
      ])
    #expect(expect.that[1].single?.location == SourceLocation(file: "every-kind.yaml", line: 17, column: 11))

    guard case .switch(let branch) = playbook.steps[1].kind else {
      Issue.record("no switch")
      return
    }
    #expect(branch.cases.map(\.value) == ["2", "3"])
    #expect(branch.steps(for: 2)?.first?.kind.keyword == "log")
    #expect(branch.steps(for: "3")?.first?.kind.keyword == "fail")
    #expect(
      branch.steps(for: 9)?.first?.kind
        == .sleep(Located(.milliseconds(500), at: SourceLocation(file: "every-kind.yaml", line: 28, column: 16))))

    guard case .foreach(let each) = playbook.steps[2].kind else {
      Issue.record("no foreach")
      return
    }
    #expect(each.itemName == "line")
    #expect(each.concurrency == 4)
    #expect(each.steps.map { $0.id?.value } == ["one"])

    guard case .use(let use) = playbook.steps[3].kind else {
      Issue.record("no use")
      return
    }
    #expect(use.path.value == "child.yaml")
    #expect(use.arguments.map(\.key) == ["customerId"])

    // The short form `poll: 2m` takes `until` from beside it.
    guard case .call(let wait) = playbook.steps[5].kind, let poll = wait.poll else {
      Issue.record("no short poll")
      return
    }
    #expect(poll.every == .seconds(120))
    #expect(poll.until?.single?.source == "response.status == 2")
  }

  @Test func reportsYAMLSyntaxWithPosition() {
    let result = Fixtures.parse("syntax-error.yaml")
    #expect(result.playbook == nil)
    #expect(
      result.diagnostics.map(\.description) == [
        "syntax-error.yaml:6:3: error: YAML syntax: did not find expected ',' or '}' (while parsing a flow mapping at line 5)"
      ])
  }

  @Test func maxEveryCapsABackoffAndIsCheckedAgainstIt() throws {
    let good = """
      name: p
      steps:
        - call: customer.info
          with: { customerId: C-1 }
          poll: { every: 10s, backoff: 2, max_every: 30s, until: response.status == 3 }
      """
    let parsed = PlaybookParser.parse(good, file: "p.yaml")
    #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)")
    guard case .call(let call) = try #require(parsed.playbook).steps[0].kind else {
      Issue.record("not a call")
      return
    }
    #expect(call.poll?.maxEvery == .seconds(30))
    let noBackoff = good.replacingOccurrences(of: "backoff: 2, ", with: "")
    #expect(
      PlaybookParser.parse(noBackoff, file: "p.yaml").diagnostics.map(\.description) == [
        "p.yaml:5:25: error: 'max_every' caps the interval that 'backoff' grows, but this poll has no 'backoff'; add one (such as backoff: 2) or remove 'max_every'"
      ])
    let short = good.replacingOccurrences(of: "max_every: 30s", with: "max_every: 5s")
    #expect(
      PlaybookParser.parse(short, file: "p.yaml").diagnostics.map(\.description) == [
        "p.yaml:5:48: error: 'max_every' (5s) is shorter than 'every' (10s); it caps how long the interval grows"
      ])
  }

  @Test func reportsEveryShapeProblemOfAFile() {
    #expect(
      Fixtures.parse("shapes.yaml").diagnostics.map(\.description) == [
        "shapes.yaml:2:1: error: unknown key 'descripton' in the playbook (did you mean 'description'?); expected one of: name, description, inputs, vars, steps, outputs",
        "shapes.yaml:4:18: error: unknown input type 'numbr' (did you mean 'number'?); types: string, number, boolean, object, list, csv, jsonl",
        "shapes.yaml:4:35: error: 'required' of input 'count' must be true or false, not a string",
        "shapes.yaml:5:35: error: the default of input 'flag' must be a boolean, not a string",
        "shapes.yaml:9:5: error: unknown key 'wiht' in step 'a' (did you mean 'with'?); expected one of: id, name, if, call, with, expect, extract, poll, until, switch, cases, default, foreach, as, concurrency, steps, use, set, fail, log, sleep, customer, skip, wait_for, where, timeout, check, manual, store",
        "shapes.yaml:10:20: error: 'every' must be a duration such as 500ms, 5s, 2m or 1h, not '5 seconds'",
        "shapes.yaml:10:61: error: invalid expression '${{ response.status == }}': the expression ends where a value was expected",
        "shapes.yaml:10:67: error: unknown key 'tmeout' in 'poll' (did you mean 'timeout'?); expected one of: every, until, fail_if, timeout, backoff, max_every",
        "shapes.yaml:12:5: error: a step has one kind, but this one has both 'call' and 'log'; split it into two steps",
        "shapes.yaml:14:5: error: a step needs one of: call, switch, foreach, use, set, fail, log, sleep, customer, skip, wait_for, check, manual, store",
        "shapes.yaml:16:12: error: 'sleep' must be a duration such as 500ms, 5s, 2m or 1h, not '5'",
        "shapes.yaml:19:5: error: 'cases' does not belong in a 'call' step",
        "shapes.yaml:20:23: error: an expected status is a code from 100 to 599 or a family such as 2xx, not '7xx'",
        "shapes.yaml:21:9: error: step id '9lives' must start with a letter and hold only letters, digits, '_' and '-' (expressions read it as steps.<id>)",
        "shapes.yaml:22:12: error: '${{' is never closed with '}}' (or a quote inside it is left open)",
        "shapes.yaml:24:14: error: a 'foreach' step needs 'steps' to run for each item",
        "shapes.yaml:25:5: error: a step must be a mapping (key: value), not a string",
      ])
  }

  @Test func reportsAMissingNameAndSteps() {
    let result = PlaybookParser.parse("description: nothing else\n", file: "empty.yaml")
    #expect(
      result.diagnostics.map(\.description) == [
        "empty.yaml:1:1: error: the playbook has no 'name'; add `name: <what it does>`",
        "empty.yaml:1:1: error: the playbook has no 'steps'; add a list of steps",
      ])
    #expect(
      PlaybookParser.parse("", file: "blank.yaml").diagnostics.map(\.description) == [
        "blank.yaml:1:1: error: the playbook is empty; it needs at least 'name' and 'steps'"
      ])
    #expect(
      PlaybookParser.parse("name: a\nname: b\nsteps: []\n", file: "dup.yaml").diagnostics.map(\.description) == [
        "dup.yaml:1:1: error: YAML syntax: duplicate key 'name'; each key may appear once in a mapping"
      ])
  }

  @Test func readsScalarsByTheCoreSchema() throws {
    let text = """
      name: Scalars
      vars: { a: 1, b: 1.5, c: true, d: no, e: ~, f: "2", g: 0012, h: [1, x] }
      steps: [{ log: hi }]
      """
    let playbook = try #require(PlaybookParser.parse(text, file: "s.yaml").playbook)
    let values = Dictionary(uniqueKeysWithValues: playbook.vars.map { ($0.key, $0.value.literal) })
    #expect(values["a"] == 1)
    #expect(values["b"] == 1.5)
    #expect(values["c"] == true)
    #expect(values["d"] == "no")
    #expect(values["e"] == .some(.null))
    #expect(values["f"] == "2")
    #expect(values["g"] == 12)
    #expect(values["h"] == [1, "x"])
  }

  @Test(arguments: [
    ("500ms", Duration.milliseconds(500)), ("5s", .seconds(5)), ("2m", .seconds(120)), ("1h", .seconds(3600)),
    ("0s", .zero),
  ])
  func parsesDurations(_ text: String, _ duration: Duration) {
    #expect(PlaybookDuration.parse(text) == duration)
    #expect(PlaybookDuration.format(duration) == text)
  }

  @Test(arguments: ["5", "5 s", "s", "-1s", "1.5s", "5d", ""])
  func rejectsDurations(_ text: String) {
    #expect(PlaybookDuration.parse(text) == nil)
  }
}
