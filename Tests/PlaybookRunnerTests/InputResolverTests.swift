import Foundation
import Playbook
import PlaybookRunner
import ReachCatalogue
import Testing

@Suite struct InputResolverTests {
  static let playbook = PlaybookParser.parse(
    """
    name: Inputs
    inputs:
      id: { type: string, required: true }
      count: { type: number, default: 1 }
      on: boolean
      ids: list
      rows: jsonl
      table: csv
    steps: [{ log: x }]
    """, file: "i.yaml"
  ).playbook!

  static let source = PlaybookSource.inMemory([
    "rows.jsonl": "{\"a\":1}\n\n[2]\n",
    "table.csv": "name,note\r\nAda,\"says \"\"hi\"\"\"\r\nBob,\"two\nlines\"\r\n",
    "bad.jsonl": "{\"a\":1}\nnot json\n",
    "bad.csv": "a,b\n1\n",
  ])

  @Test func givesCommandLineTextTheDeclaredTypes() throws {
    let given = try InputResolver.assignments([
      "id=007", "count=2.5", "on=true", "ids=[\"a\",\"b\"]", "rows=rows.jsonl", "table=table.csv",
    ])
    let values = try InputResolver(source: Self.source).resolve(Self.playbook, given: given)
    #expect(values["id"] == "007")
    #expect(values["count"] == 2.5)
    #expect(values["on"] == true)
    #expect(values["ids"] == ["a", "b"])
    #expect(values["rows"] == [["a": 1], [2]])
    #expect(values["table"] == [["name": "Ada", "note": "says \"hi\""], ["name": "Bob", "note": "two\nlines"]])
  }

  @Test func defaultsAndAbsentOptionalInputs() throws {
    let values = try InputResolver(source: Self.source).resolve(Self.playbook, given: ["id": "x"])
    #expect(values["count"] == 1)
    #expect(values["on"] == .some(.null))
  }

  /// A null given (a `use` passing on an optional input of its own that was not given) is no
  /// value: a default applies, an optional input stays absent, a required one is missing.
  @Test func aNullGivenIsNoValue() throws {
    let resolver = InputResolver(source: Self.source)
    let values = try resolver.resolve(Self.playbook, given: ["id": "x", "count": .null, "on": .null])
    #expect(values["count"] == 1)
    #expect(values["on"] == .some(.null))
    #expect {
      _ = try resolver.resolve(Self.playbook, given: ["id": .null])
    } throws: { error in
      (error as? InputError)?.description == "missing required input 'id'; give it with --var id=VALUE"
    }
  }

  @Test(arguments: [
    (
      ["id=x", "idd=y"],
      "--var idd=…: unknown input 'idd' (did you mean 'id'?); the playbook's inputs are: id, count, on, ids, rows, table"
    ),
    (["count=3"], "missing required input 'id'; give it with --var id=VALUE"),
    (["id=x", "count=many"], "input 'count' must be number, not a string"),
    (
      ["id=x", "rows=nowhere.jsonl"],
      "input 'rows': cannot read 'nowhere.jsonl': there is no such file (relative paths start at "
        + FileManager.default.currentDirectoryPath + ")"
    ),
    (["id=x", "rows=bad.jsonl"], "input 'rows': bad.jsonl:2: not a JSON value"),
    (["id=x", "table=bad.csv"], "input 'table': bad.csv:2: 1 columns, but the header has 2"),
  ])
  func reportsBadInputs(_ arguments: [String], _ message: String) throws {
    let given = try InputResolver.assignments(arguments)
    #expect {
      _ = try InputResolver(source: Self.source).resolve(Self.playbook, given: given)
    } throws: { error in
      (error as? InputError)?.description == message
    }
  }

  @Test func rejectsMalformedAssignments() {
    #expect(throws: InputError.malformedAssignment("=x")) { try InputResolver.assignments(["=x"]) }
    #expect(throws: InputError.malformedAssignment("novalue")) { try InputResolver.assignments(["novalue"]) }
  }
}
