import ArgumentParser

/// How strictly calls are held to the catalogue's contract, shared by `run`, `validate` and `call`.
struct ContractOptions: ParsableArguments {
  @Flag(
    name: .customLong("strict-contract"),
    help: """
      Refuse values outside an enum whose values are this project's assumption (marked † in \
      docs/endpoints.md), instead of warning and sending them.
      """)
  var strict = false
}
