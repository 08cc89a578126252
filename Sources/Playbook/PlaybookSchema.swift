public import ReachCatalogue

/// The JSON Schema of the playbook format (`reach schema`), generated from the catalogue and the
/// step kinds, so an editor with the YAML language server completes endpoint ids and their
/// fields. Committed as `Playbooks/playbook.schema.json`; a test keeps the two equal.
public enum PlaybookSchema {
  /// The schema as the committed file holds it: pretty JSON and a final newline.
  public static var text: String { document().jsonText(pretty: true) + "\n" }

  public static func document(endpoints: [Endpoint] = Catalogue.endpoints) -> JSONValue {
    [
      "$schema": "http://json-schema.org/draft-07/schema#",
      "$id": "https://reach.example/playbook.schema.json",
      "title": "reach playbook",
      "description": "A declarative sequence of calls to the Reach Mobile Platform API.",
      "type": "object",
      "required": ["name", "steps"],
      "additionalProperties": false,
      "properties": [
        "name": ["type": "string", "description": "What the playbook does."],
        "description": ["type": "string"],
        "inputs": [
          "type": "object", "description": "Values given with --var name=value.",
          "additionalProperties": ["$ref": "#/definitions/input"],
        ],
        "vars": ["type": "object", "description": "Variables and their starting values; `set` changes them."],
        "steps": ["$ref": "#/definitions/steps"],
        "outputs": [
          "type": "object", "description": "Name → expression; what `use` hands back.", "additionalProperties": value,
        ],
      ],
      "definitions": definitions(endpoints),
    ]
  }

  static let expression: JSONValue = [
    "type": ["string", "boolean"],
    "description":
      "An expression, with or without ${{ }}: paths into inputs, vars, steps, item, response, http, event.",
  ]
  static let duration: JSONValue = [
    "type": "string", "pattern": "^[0-9]+(ms|s|m|h)$", "description": "500ms, 5s, 2m or 1h.",
  ]
  static let value: JSONValue = [:]
  static let template: JSONValue = ["type": "string", "description": "Text; ${{ }} expressions are interpolated."]

  private static func definitions(_ endpoints: [Endpoint]) -> JSONValue {
    let common: [String: JSONValue] = [
      "id": [
        "type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9_-]*$", "description": "How later steps read it: steps.<id>.",
      ],
      "name": ["type": "string"],
      "if": expression,
    ]
    func kind(_ key: String, _ schema: JSONValue, required: [String] = [], _ extra: [String: JSONValue] = [:])
      -> JSONValue
    {
      var properties = common.merging(extra) { a, _ in a }
      properties[key] = schema
      return [
        "type": "object",
        "required": .array(([key] + required).map(JSONValue.string)),
        "additionalProperties": false,
        "properties": .object(properties),
      ]
    }
    let withArguments: JSONValue = ["type": "object", "description": "Arguments by field name."]
    let callStep = kind(
      "call",
      ["type": "string", "enum": .array(endpoints.map { .string($0.id) }), "description": "A catalogue endpoint id."],
      [
        "with": withArguments,
        "expect": [
          "type": "object", "additionalProperties": false,
          "properties": [
            "status": [
              "description": "A code, a list of codes, or a family such as 2xx. Default: any 2xx.",
              "anyOf": [
                ["type": ["integer", "string"]],
                ["type": "array", "items": ["type": ["integer", "string"]]],
              ],
            ],
            "that": ["anyOf": [expression, ["type": "array", "items": expression]]],
          ],
        ],
        "extract": [
          "type": "object", "description": "Name → expression over response and http.", "additionalProperties": value,
        ],
        "poll": [
          "anyOf": [
            duration,
            [
              "type": "object", "required": ["every", "until"], "additionalProperties": false,
              "properties": [
                "every": duration, "until": expression, "fail_if": expression, "timeout": duration,
                "backoff": ["type": "number", "minimum": 1], "max_every": duration,
              ],
            ],
          ]
        ],
        "until": expression,
      ])
    let callWithFields: [JSONValue] = endpoints.map { endpoint in
      var properties: [String: JSONValue] = [:]
      for field in endpoint.fields where field.constant == nil {
        properties[field.name] = fieldSchema(field)
      }
      let required = endpoint.fields.filter { $0.required && $0.constant == nil }.map { JSONValue.string($0.name) }
      var with: [String: JSONValue] = [
        "type": "object", "additionalProperties": false, "properties": .object(properties),
      ]
      if !required.isEmpty { with["required"] = .array(required) }
      return [
        "if": ["properties": ["call": ["const": .string(endpoint.id)]], "required": ["call"]],
        "then": [
          "properties": ["with": .object(with)], "description": .string("\(endpoint.signature): \(endpoint.summary)"),
        ],
      ]
    }
    return [
      "steps": ["type": "array", "items": ["$ref": "#/definitions/step"]],
      "input": [
        "anyOf": [
          ["type": "string", "enum": .array(InputType.allCases.map { .string($0.rawValue) })],
          [
            "type": "object", "additionalProperties": false,
            "properties": [
              "type": ["type": "string", "enum": .array(InputType.allCases.map { .string($0.rawValue) })],
              "required": ["type": "boolean"],
              "default": value,
              "description": ["type": "string"],
              "secret": [
                "type": "boolean",
                "description":
                  "The value is a secret: masked in every output, report and the run journal, and so is every value computed from it. Inputs named like a sensitive field (password, …Pin, …CardNumber) are secret without it.",
              ],
              "columns": [
                "type": "object",
                "description":
                  "csv only: the columns each row must have (required) or may have (optional); a column named like a catalogue field is checked by its rule. A csv input with columns streams.",
                "additionalProperties": ["type": "string", "enum": ["required", "optional"]],
              ],
            ],
          ],
        ]
      ],
      "step": [
        "oneOf": [
          ["$ref": "#/definitions/call"], ["$ref": "#/definitions/switch"], ["$ref": "#/definitions/foreach"],
          ["$ref": "#/definitions/use"], ["$ref": "#/definitions/set"], ["$ref": "#/definitions/fail"],
          ["$ref": "#/definitions/log"], ["$ref": "#/definitions/sleep"], ["$ref": "#/definitions/customer"],
          ["$ref": "#/definitions/skip"],
          ["$ref": "#/definitions/wait_for"], ["$ref": "#/definitions/check"], ["$ref": "#/definitions/manual"],
          ["$ref": "#/definitions/store"],
        ]
      ],
      "call": .object(callStep.objectValue!.merging(["allOf": .array(callWithFields)]) { a, _ in a }),
      "switch": kind(
        "switch", expression, required: ["cases"],
        [
          "cases": ["type": "object", "additionalProperties": ["$ref": "#/definitions/steps"]],
          "default": ["$ref": "#/definitions/steps"],
        ]),
      "foreach": kind(
        "foreach", ["description": "A list, or an expression giving one."], required: ["steps"],
        [
          "as": ["type": "string", "description": "The item's name inside (default: item)."],
          "concurrency": ["type": "integer", "minimum": 1],
          "steps": ["$ref": "#/definitions/steps"],
        ]),
      "use": kind(
        "use", ["type": "string", "description": "Another playbook, relative to this one."],
        ["with": ["type": "object", "description": "Its inputs."]]),
      "set": kind("set", ["type": "object", "description": "Var → value."]),
      "fail": kind("fail", template),
      "log": kind("log", template),
      "sleep": kind("sleep", duration),
      "skip": kind("skip", ["type": "string", "description": "Ends this foreach item as skipped, with the reason."]),
      "customer": kind(
        "customer",
        [
          "type": "object", "additionalProperties": false,
          "description":
            "Plays the customer on the sandbox's hosted page; against a platform that is not a sandbox, a person does it (reach run --customer-steps).",
          "properties": [
            "pay": ["type": "string", "description": "The payment page: link.url of PAYMENT_PENDING."],
            "add_card": ["type": "string", "description": "The add-card page: link.url of card.addLink."],
            "card": ["type": "string", "description": "The card number to enter (a sandbox test card)."],
            "expires": ["type": "string", "description": "The link's deadline (link.expireDate), told to a person."],
          ],
        ]),
      "store": kind(
        "store",
        [
          "type": "object", "additionalProperties": false, "required": ["values"],
          "description":
            "Keeps secrets (the one-time access keys) where the user says, as one JSON object; they reach no output, report or journal.",
          "properties": [
            "values": [
              "type": "object", "minProperties": 1, "description": "Name → the secret value to keep.",
              "additionalProperties": value,
            ],
            "to_file": [
              "type": "string", "description": "A new file, created with mode 0600; an existing one is refused.",
            ],
            "to_command": ["type": "string", "description": "A command (sh -c) that reads the JSON object on stdin."],
            "show": [
              "type": ["string", "boolean"], "description": "Print them once, when stdout is a terminal.",
            ],
          ],
        ]),
      "check": kind(
        "check",
        [
          "type": "object", "additionalProperties": false, "minProperties": 1,
          "description": "A go-live check: exactly one of webhook, https, secrets, rate_limit.",
          "properties": [
            "webhook": [
              "type": "string",
              "description": "The brand's https endpoint to post sample events to, or 'embedded'.",
            ],
            "endpoint": ["type": "string", "enum": ["callback", "notification"]],
            "within": duration,
            "https": ["description": "Files or directories whose redirect and callback URLs must be https://."],
            "secrets": ["description": "Files or directories that must hold no literal JWT or API key."],
            "rate_limit": ["type": "integer", "minimum": 1, "description": "Requests per second the sandbox allows."],
            "calls": ["type": "integer", "minimum": 1, "description": "Calls to make against it."],
          ],
        ]),
      "manual": kind(
        "manual",
        ["type": "string", "description": "A requirement a person confirms; reports leave room for who and when."]),
      "wait_for": kind(
        "wait_for",
        [
          "type": "string", "enum": .array(WaitForStep.eventTypes.map(JSONValue.string)),
          "description": "Waits for a callback (4.2) or notification (4.1) of this type at the run's webhook receiver.",
        ],
        [
          "where": [
            "type": ["string", "boolean"],
            "description":
              "Which event: an expression over event (its body), e.g. event.transactionId == steps.purchase.transactionId.",
          ],
          "timeout": duration,
          "extract": [
            "type": "object", "description": "Name → expression over event.", "additionalProperties": value,
          ],
        ]),
    ]
  }

  /// A field's value: its type, or an expression giving one.
  private static func fieldSchema(_ field: Field) -> JSONValue {
    var typed: [String: JSONValue] = ["type": .string(field.type.jsonSchemaType)]
    if field.type == .string { typed["type"] = ["string", "integer"] }
    if case .oneOf(let values) = field.validator {
      // Values reach assumed are suggested, not enforced: the platform may accept others.
      typed[field.hasAssumedValues ? "examples" : "enum"] = .array(values.map(JSONValue.string))
    }
    let rule = field.validator.map { " (\($0.rule)\(field.hasAssumedValues ? ", as reach assumes: others warn" : ""))" }
    var schema: [String: JSONValue] = ["description": .string(field.summary + (rule ?? ""))]
    if field.type == .string && typed["enum"] == nil {
      schema.merge(typed) { a, _ in a }
    } else {
      schema["anyOf"] = [.object(typed), ["type": "string", "pattern": "\\$\\{\\{"]]
    }
    return .object(schema)
  }
}
