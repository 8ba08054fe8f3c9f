import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { describeDistance, distanceFromAddress, haversineFeet } from "@/lib/work-items/distance";
import { compareEvidenceTypes } from "@/lib/work-items/evidence";
import { headerFileName, safeSegment } from "@/lib/http/download-names";
import { servedContentType } from "@/lib/work-items/file-names";
import { parseStoredSurvey } from "@/lib/work-items/survey";
import { planArchive } from "@/lib/work-items/zip";

// The pure rules behind the work-results views: no server needed.

describe("distance from the address", () => {
  test("Pruvan's locationDifference wins; otherwise haversine from both GPS fixes; else unknown", () => {
    const order = { lat: 30.50881246, lon: -97.67852886 };
    assert.deepEqual(distanceFromAddress({ locationDifference: 24, lat: 1, lon: 1 }, order), { feet: 24, source: "pruvan" });
    const computed = distanceFromAddress({ locationDifference: null, lat: 30.50891246, lon: -97.67852886 }, order);
    assert.equal(computed?.source, "computed");
    assert.equal(computed?.feet, 36); // 0.0001 degree of latitude is about 36.5 ft
    assert.equal(distanceFromAddress({ locationDifference: null, lat: null, lon: null }, order), null);
    assert.equal(distanceFromAddress({ locationDifference: null, lat: 30.5, lon: -97.6 }, { lat: null, lon: null }), null);
    assert.equal(describeDistance(computed), "about 36 ft (computed from GPS)");
    assert.equal(describeDistance({ feet: 24, source: "pruvan" }), "24 ft (reported by Pruvan)");
    assert.equal(describeDistance(null), "Unknown");
  });

  test("haversine: Austin to Round Rock is about 16 miles", () => {
    const miles = haversineFeet(30.2672, -97.7431, 30.5083, -97.6789) / 5280;
    assert.ok(miles > 16.5 && miles < 17.2, String(miles));
  });
});

test("evidence types: before, during, after first in any case, then custom A-Z, then none", () => {
  const sorted = ["Gate code", "", "after", "question1", "BEFORE", "During", "Attic"].sort(compareEvidenceTypes);
  assert.deepEqual(sorted, ["BEFORE", "During", "after", "Attic", "Gate code", "question1", ""]);
});

describe("stored surveys are read leniently", () => {
  test("choices show their display text; ids may be numbers; picIds kept", () => {
    const s = parseStoredSurvey({
      meta: { surveyId: 42, surveyTemplateId: "acct::T-v2" },
      answers: [{ id: 7, question: "Color?", answer: ["blue"], answerOptions: [{ answer: "blue", display: "Blue" }], picIds: [123] }],
    });
    assert.equal(s.surveyId, "42");
    assert.equal(s.templateId, "acct::T-v2");
    assert.deepEqual(s.answers[0], {
      readable: true,
      id: "7",
      question: "Color?",
      answerType: null,
      values: ["Blue"],
      picIds: ["123"],
      picFileNames: [],
    });
  });

  test("a JSON string is parsed; one bad answer does not hide the others; garbage is unreadable, not an error", () => {
    const s = parseStoredSurvey(JSON.stringify({ answers: [{ question: ["not text"] }, { id: "q2", answer: "yes" }] }));
    assert.equal(s.readable, true);
    assert.deepEqual(s.answers[0], { readable: false, position: 0 });
    assert.deepEqual(s.answers[1]?.readable && s.answers[1].values, ["yes"]);
    assert.equal(parseStoredSurvey("{not json").readable, false);
    assert.equal(parseStoredSurvey(null).readable, false);
  });
});

describe("names we construct", () => {
  test("segments and header names are ASCII, without separators or quotes", () => {
    assert.equal(safeSegment('Säge / "Cut"', "x"), "Sage - -Cut");
    assert.equal(safeSegment("../../etc", "x"), "etc");
    assert.equal(safeSegment("   ", "fallback"), "fallback");
    assert.equal(headerFileName('a "b"\r\n(c).jpg', "x"), "a_-b-__c_.jpg");
    assert.equal(headerFileName("é".repeat(300), "x"), "e".repeat(120));
    assert.equal(headerFileName("日本", "download"), "download");
  });

  test("only expected content types are served as such", () => {
    assert.equal(servedContentType("image/jpeg"), "image/jpeg");
    assert.equal(servedContentType("application/pdf; charset=binary"), "application/pdf");
    assert.equal(servedContentType("text/html"), "application/octet-stream");
    assert.equal(servedContentType(null), "application/octet-stream");
  });
});

test("the ZIP plan: folders per service and evidence type, unique names, JSON beside surveys and file-less check-ins", () => {
  const base = {
    contentType: "image/jpeg",
    survey: null,
    checkIn: null,
    key4: null,
    receivedAt: new Date(0),
    service: { serviceName: "Lawn" },
  };
  const entries = planArchive("WO/1", [
    { ...base, uuId: "u1", fileType: "picture", evidenceType: "before", fileName: "100", storagePath: "items/a.jpg" },
    { ...base, uuId: "u2", fileType: "picture", evidenceType: "before", fileName: "100", storagePath: "items/b.jpg" },
    {
      ...base,
      uuId: "u3",
      fileType: "picture",
      evidenceType: null,
      fileName: null,
      storagePath: "items/c.jpg",
      service: null,
      key4: "From key4",
    },
    {
      ...base,
      uuId: "u4",
      fileType: "survey",
      evidenceType: "Survey",
      fileName: "200",
      storagePath: "items/d.pdf",
      contentType: "application/pdf",
      survey: { answers: [] },
    },
    { ...base, uuId: "u5", fileType: "check-in", evidenceType: null, fileName: "300", storagePath: null, checkIn: { a: 1 } },
  ]);
  assert.deepEqual(
    entries.map((e) => e.name),
    [
      "WO-1/Lawn/before/100.jpg",
      "WO-1/Lawn/before/100-2.jpg",
      "WO-1/From key4/No evidence type/u3.jpg",
      "WO-1/Lawn/Surveys/200.pdf",
      "WO-1/Lawn/Surveys/200.json",
      "WO-1/Lawn/Check-ins/300.json",
    ],
  );
  assert.deepEqual(JSON.parse((entries[5] as { text: string }).text), { a: 1 });
});
