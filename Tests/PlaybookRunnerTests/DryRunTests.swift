import Playbook
import PlaybookRunner
import ReachCatalogue
import ReachClient
import Testing

@Suite struct DryRunTests {
  @Test func aDryRunPlansEveryCallAndSendsNothing() async throws {
    let platform = FakePlatform { _, _ in (200, [:]) }
    let clock = VirtualClock()
    let files = [
      "plan.yaml": """
      name: Plan
      inputs:
        customerId: { type: string, required: true }
        pin: { type: string, default: "123456" }
      vars: { reason: BILLDUE }
      steps:
        - id: info
          call: customer.info
          with: { customerId: "${{ inputs.customerId }}" }
          extract: { line: "${{ response.mobileNo }}" }
        - id: suspend
          if: steps.info.response.status == 2
          call: subscriber.suspend
          with: { customerId: "${{ steps.info.response.customerId }}", reasonCode: "${{ vars.reason }}-${{ now() }}" }
        - id: port
          call: portin.update
          with:
            customerId: "${{ inputs.customerId }}"
            password: "${{ inputs.pin }}"
            type: UPDATE_PIN
        - id: each
          foreach: [A, B]
          steps:
            - call: customer.info
              with: { customerId: "${{ item }}" }
              poll: { every: 5s, until: response.status == 3 }
        - sleep: 2m
      """
    ]
    try await platform.serve(clock: clock) { client in
      let runner = PlaybookRunner(caller: client, clock: clock, source: .inMemory(files), now: { "NOW" }, uuid: { "U" })
      let plan = try runner.plan(file: "plan.yaml", inputs: ["customerId": "C 7"]).get()
      #expect(
        plan.description == """
          info: GET /apisvc/v0/customerinfo?customerId=C%207 (customer.info)
          suspend: if steps.info.response.status == 2: PUT /apisvc/v0/suspend {"customerId":"<from steps.info.response.customerId>","reasonCode":"BILLDUE-NOW"} (subscriber.suspend)
          port: PUT /apisvc/v0/update/portin {"customerId":"C 7","password":"***","type":"UPDATE_PIN"} (portin.update)
          each: foreach item in 2 items
            call at line 24: GET /apisvc/v0/customerinfo?customerId=<from item> (customer.info), poll every 5s until response.status == 3, timeout 10m
          sleep at line 27: sleep 2m
          """)
    }
    #expect(platform.received.isEmpty)
    #expect(clock.sleeps.isEmpty)
  }

  /// A dry run that does not alarm: guards that read only inputs are decided, what a guard only
  /// the run can decide may change is shown as either, `default` shows both sides, and what only
  /// the run knows is never percent-encoded into a path.
  @Test func guardsOnInputsAreDecidedAndUnknownsShownAsSuch() async throws {
    let files = [
      "plan.yaml": """
      name: Plan
      inputs:
        mode: { type: string, default: callbacks }
        reason: { type: string, default: BILLDUE }
      vars: { kind: A }
      steps:
        - name: Check the mode
          if: "${{ !(inputs.mode in ['callbacks', 'polling']) }}"
          fail: "mode must be callbacks or polling, not '${{ inputs.mode }}'"
        - id: info
          call: customer.info
          with: { customerId: C1 }
        - if: "${{ steps.info.response.status == 3 }}"
          set: { kind: B }
        - id: status
          call: customer.info
          with: { customerId: "SUB-${{ steps.info.response.customerId }}" }
        - call: subscriber.suspend
          with: { customerId: "${{ vars.kind }}", reasonCode: "${{ default(steps.info.response.reason, inputs.reason) }}" }

      """
    ]
    let runner = PlaybookRunner(caller: NeverCaller(), source: .inMemory(files), now: { "NOW" }, uuid: { "U" })
    let plan = try runner.plan(file: "plan.yaml").get()
    #expect(
      plan.description == """
        Check the mode: skipped, ${{ !(inputs.mode in ['callbacks', 'polling']) }} does not hold
        info: GET /apisvc/v0/customerinfo?customerId=C1 (customer.info)
        set at line 13: if ${{ steps.info.response.status == 3 }}: set {"kind":"B"}
        status: GET /apisvc/v0/customerinfo?customerId=SUB-<from steps.info.response.customerId> (customer.info)
        call at line 18: PUT /apisvc/v0/suspend {"customerId":"<A or B>","reasonCode":"<from steps.info.response.reason, else BILLDUE>"} (subscriber.suspend)
        """)
  }

  @Test func anInvalidPlaybookHasNoPlan() async throws {
    let runner = PlaybookRunner(
      caller: NeverCaller(), source: .inMemory(["bad.yaml": "name: Bad\nsteps:\n  - call: nothing.here\n"]))
    #expect(throws: PlanFailure.self) { try runner.plan(file: "bad.yaml").get() }
  }
}
