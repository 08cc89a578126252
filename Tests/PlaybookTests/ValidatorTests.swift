import Foundation
import Playbook
import Testing

/// Every class of validation error, with its exact message and position.
@Suite struct ValidatorTests {
  @Test(arguments: ["suspend.yaml", "every-kind.yaml", "child.yaml", "wait-for.yaml", "golive-kinds.yaml"])
  func acceptsSoundPlaybooks(_ name: String) {
    #expect(Fixtures.validate(name) == [])
  }

  @Test func checksCallsAgainstTheCatalogue() {
    #expect(
      Fixtures.validate("calls.yaml") == [
        "calls.yaml:4:11: error: step 'typo': unknown endpoint 'customer.inf' (did you mean 'customer.info'?); `reach endpoints` lists them all",
        "calls.yaml:6:11: error: step 'missing' calls 'subscriber.suspend' without required field 'customerId'",
        "calls.yaml:10:20: error: step 'badIccid' calls 'sim.validateIccid': 'iccId' must be an ICCID with a valid Luhn check digit",
        "calls.yaml:13:43: error: step 'insecure' calls 'card.addLink': 'redirectUrl' must use https:// (2.2: HTTP is rejected)",
        "calls.yaml:16:48: error: unknown input 'url'; declare it under 'inputs'",
        "calls.yaml:16:71: error: step 'unresolved' calls 'card.addLink': 'color' is not a field of 'card.addLink'; it takes: customerId, redirectUrl"
          + "; if the platform takes it, describe it in the catalogue: add it to the fields of 'card.addLink' in "
          + "Sources/ReachCatalogue/Catalogue+*.swift (`grep -rn '\"card.addLink\"' Sources/ReachCatalogue`) and rebuild",
        "calls.yaml:20:11: error: step 'confirm' polls without 'until'; add poll: { every: 5s, until: \"${{ ... }}\" }",
      ])
  }

  @Test func checksWaitForSteps() {
    #expect(
      Fixtures.validate("wait-for-errors.yaml") == [
        "wait-for-errors.yaml:4:15: error: 'wait_for' takes an event type of section 4, not 'PRODUCT_PURCHAS' (did you mean 'PRODUCT_PURCHASE'?); one of ACTIVATION, PRODUCT_PURCHASE, PURCHASE_SUBSEQUENT, USAGE_NOTIFICATION, RDN_IMEI_CHANGE, PORT_OUT, PORT_OUT_CONFIRMED",
        "wait-for-errors.yaml:7:16: error: a wait_for step has no 'response'; the event it matched is 'event'",
        "wait-for-errors.yaml:8:14: error: 'timeout' must be a duration such as 500ms, 5s, 2m or 1h, not 'soon'",
        "wait-for-errors.yaml:9:5: error: 'expect' does not belong in a 'wait_for' step",
        "wait-for-errors.yaml:12:15: error: 'event' is only defined in a wait_for step's where and extract; after the step read steps.<id>.event",
        "wait-for-errors.yaml:12:39: error: step 'paid' has no 'customerID' (did you mean 'customerId'?); it offers: customerId, event",
      ])
  }

  @Test func checksCheckAndManualSteps() {
    #expect(
      Fixtures.validate("check-errors.yaml") == [
        "check-errors.yaml:3:56: error: 'endpoint' is callback (POST /apisvc/v0/notification/callback) or notification (POST /apisvc/v0/notification), not 'callbacks'",
        "check-errors.yaml:4:24: error: unknown key 'within' in a 'https' check; expected one of: https",
        "check-errors.yaml:5:26: error: 'rate_limit' is requests per second, at least 1",
        "check-errors.yaml:6:12: error: 'check' needs one of webhook, https, secrets, rate_limit",
        "check-errors.yaml:6:14: error: unknown key 'rate_limt' in 'check' (did you mean 'rate_limit'?); expected one of: webhook, https, secrets, rate_limit",
        "check-errors.yaml:7:24: error: a check step checks one thing, but this one has both 'https' and 'secrets'; split it into two steps",
        "check-errors.yaml:8:28: error: unknown input 'url'; declare it under 'inputs'",
        "check-errors.yaml:9:13: error: 'manual' must be a string, not a mapping",
        "check-errors.yaml:12:15: error: step 'hook' has no 'finding' (did you mean 'findings'?); it offers: findings",
      ])
  }

  @Test func checksReferences() {
    #expect(
      Fixtures.validate("references.yaml") == [
        "references.yaml:9:30: error: unknown input 'customerID' (did you mean 'customerId'?); declare it under 'inputs'",
        "references.yaml:12:13: error: step 'third' comes later (line 14) or runs inside a foreach; a step can only read steps that ran before it",
        "references.yaml:13:15: error: unknown step 'nobody'; steps are read by their id",
        "references.yaml:13:37: error: var 'later' is set only later (line 18); give it a starting value under 'vars'",
        "references.yaml:13:55: error: unknown var 'unseen' (did you mean 'seen'?); declare it under 'vars'",
        "references.yaml:13:74: error: 'item' is only defined inside a foreach",
        "references.yaml:16:30: error: 'response' is only defined in a call step's expect, extract and poll; after the step read steps.<id>.response",
        "references.yaml:17:29: error: step 'third' cannot read itself through steps.third; use response and http inside the step",
        "references.yaml:19:15: error: step 'first' has no 'stats' (did you mean 'status'?); it offers: http, response, status",
        "references.yaml:19:40: error: unknown name 'stepz' (did you mean 'steps'?); expressions read inputs, vars, steps, item, response, http, event",
        "references.yaml:20:9: error: duplicate step id 'first'; it is first used at line 7",
      ])
  }

  @Test func checksForeachWalksALists() {
    #expect(
      Fixtures.validate("foreach.yaml") == [
        "foreach.yaml:9:14: error: the foreach step at line 9: foreach needs a list, not a string (input 'customerId'); give a list literal, or an input of type list, csv or jsonl",
        "foreach.yaml:11:14: error: the foreach step at line 11: foreach needs a list, not a string; give a list literal, or an input of type list, csv or jsonl",
        "foreach.yaml:13:14: error: the foreach step at line 13: foreach needs a list, not an integer; give a list literal, or an input of type list, csv or jsonl",
        "foreach.yaml:15:14: error: the foreach step at line 15: foreach needs a list, not an integer (var 'one'); give a list literal, or an input of type list, csv or jsonl",
      ])
  }

  @Test func checksUseFilesCyclesInputsAndOutputs() {
    #expect(
      Fixtures.validate("use/main.yaml") == [
        "use/loop-b.yaml:3:10: error: the use step at line 3 makes a use cycle: use/loop-a.yaml → use/loop-b.yaml → use/loop-a.yaml",
        "use/main.yaml:6:10: error: step 'gone' uses '../missing.yaml', which does not exist (looked for missing.yaml)",
        "use/main.yaml:8:10: error: step 'kid' uses '../child.yaml' without required input 'customerId'",
        "use/main.yaml:9:13: error: step 'kid' gives 'customerID', which '../child.yaml' does not take (did you mean 'customerId'?); its inputs: customerId",
        "use/main.yaml:10:15: error: step 'kid' has no 'nothing'; it offers: customer",
        "use/main.yaml:12:25: error: the use step at line 11 gives input 'customerId' of '../child.yaml' a list; it takes a string",
      ])
  }

  @Test func reportsParseProblemsToo() {
    #expect(Fixtures.validate("syntax-error.yaml").count == 1)
    #expect(Fixtures.validate("shapes.yaml").count == 20)
    #expect(
      PlaybookValidator(source: Fixtures.source).validate(file: "nowhere.yaml").map(\.description) == [
        "nowhere.yaml:1:1: error: cannot read 'nowhere.yaml'"
      ])
  }

  @Test(arguments: [
    ("a.yaml", "b.yaml", "b.yaml"), ("dir/a.yaml", "b.yaml", "dir/b.yaml"), ("dir/a.yaml", "../b.yaml", "b.yaml"),
    ("dir/a.yaml", "./x/../b.yaml", "dir/b.yaml"), ("/abs/a.yaml", "b.yaml", "/abs/b.yaml"),
    ("a.yaml", "/b.yaml", "/b.yaml"),
    ("a.yaml", "../b.yaml", "../b.yaml"),
  ])
  func resolvesUsePaths(_ file: String, _ use: String, _ expected: String) {
    #expect(PlaybookPath.resolve(use, relativeTo: file) == expected)
  }
}

@Suite struct ManyFilesTests {
  /// A directory of fixtures: a file used by several others is reported once.
  @Test func validatesADirectoryReportingEachFileOnce() {
    let directory = Fixtures.directory.standardizedFileURL.path
    let diagnostics = PlaybookValidator().validate(files: [directory + "/use"]).map(\.description)
    let prefix = directory + "/use/"
    #expect(diagnostics.filter { $0.hasPrefix(prefix + "loop-b.yaml") }.count == 1)
    #expect(diagnostics.filter { $0.hasPrefix(prefix + "main.yaml") }.count == 5)
    #expect(diagnostics.count == 6)
    #expect(
      PlaybookFiles.expand([directory + "/use"]).map { String($0.dropFirst(prefix.count)) } == [
        "loop-a.yaml", "loop-b.yaml", "main.yaml",
      ])
  }
}

@Suite struct TypeCheckTests {
  @Test func operationsThatCannotSucceedAreRefusedWithTheirPosition() {
    #expect(
      Fixtures.validate("types.yaml") == [
        "types.yaml:13:25: error: step 'info' calls 'customer.info': 'customerId' takes a string, but is given a boolean (input 'flag')",
        "types.yaml:15:14: error: '${{ inputs.count > 'three' || len(inputs.count) > 0 }}' cannot be evaluated: '>' compares two numbers or two strings, not a number (input 'count') and a string",
        "types.yaml:15:40: error: '${{ inputs.count > 'three' || len(inputs.count) > 0 }}' cannot be evaluated: len(): takes a string, list or object, not a number (input 'count')",
        "types.yaml:16:15: error: '${{ inputs.count.digits }}' cannot be evaluated: cannot read 'digits' of a number (input 'count')",
        "types.yaml:16:53: error: '${{ vars.limit[0] }}' cannot be evaluated: cannot index an integer (var 'limit') with an integer",
        "types.yaml:16:63: error: '${{ startsWith(inputs.flag, 'x') }}' cannot be evaluated: startsWith(): takes two strings, not a boolean (input 'flag') and a string",
        "types.yaml:17:14: error: '${{ steps.info.code > 'x' || steps.info.response.status == 'x' || steps.info.http... }}' cannot be evaluated: '>' compares two numbers or two strings, not a number or null ('customer.info' response field 'status') and a string",
        "types.yaml:17:76: error: '${{ steps.info.code > 'x' || steps.info.response.status == 'x' || steps.info.http... }}' cannot be evaluated: '<' compares two numbers or two strings, not an integer (the HTTP status) and a string",
        "types.yaml:18:22: error: '${{ 'a' in vars.limit }}' cannot be evaluated: 'in' looks in a list, a string or an object, not an integer (var 'limit')",
        "types.yaml:18:40: error: '${{ number(inputs.flag) }}' cannot be evaluated: number(): takes a number or a string, not a boolean (input 'flag')",
        "types.yaml:22:47: error: '${{ item.customerId > 3 }}' cannot be evaluated: '>' compares two numbers or two strings, not a string or null (a cell of input 'rows') and an integer",
      ])
  }
}
