import sharp from "sharp";

// Photos for the demo crew: drawn scenes of a property (SVG rendered to JPEG by sharp),
// different for every shot, in the state the crew found it (before), at work (during) or
// left it (after), with the caption stamp a field photo app prints on the image.

export type Scene = "front" | "yard" | "address" | "roof" | "fence";
export type Condition = "before" | "during" | "after";
/** `seed` picks the property's look: a before and an after shot of one scene share it and show the same house. */
export type DemoShot = { scene: Scene; condition: Condition; seed: number; title: string; stamp: string; houseNumber: string };

const W = 1600;
const H = 1200;

/** A small deterministic generator, so that a shot looks the same every time it is drawn. */
function random(seed: number) {
  let s = seed >>> 0 || 1;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    between: (a: number, b: number) => a + (b - a) * next(),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
  };
}
type Random = ReturnType<typeof random>;

const xml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const SIDING = ["#e8dcc4", "#c9d6df", "#f1efe7", "#d9c3a5", "#b9c7b3", "#e4cfc0"];
const ROOF = ["#5b4a42", "#3f4a55", "#6b3e2e", "#4b4b4b"];
const DOOR = ["#7a2e2e", "#2f4f6f", "#3d5a3d", "#5a3d2b"];

function sky(r: Random): string {
  const overcast = r.next() < 0.3;
  const [top, bottom] = overcast ? ["#9fb0c0", "#dfe6ec"] : ["#5b9bd5", "#cfe6f7"];
  const clouds = Array.from({ length: 5 }, () => {
    const x = r.between(0, W);
    const y = r.between(60, 320);
    const s = r.between(0.7, 1.5);
    return `<g opacity="${overcast ? 0.55 : 0.85}" fill="#ffffff"><ellipse cx="${x}" cy="${y}" rx="${90 * s}" ry="${32 * s}"/><ellipse cx="${x + 60 * s}" cy="${y - 18 * s}" rx="${70 * s}" ry="${34 * s}"/><ellipse cx="${x - 55 * s}" cy="${y - 8 * s}" rx="${55 * s}" ry="${26 * s}"/></g>`;
  }).join("");
  return `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${top}"/><stop offset="1" stop-color="${bottom}"/></linearGradient>
    <linearGradient id="glass" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#dbeafe"/><stop offset="1" stop-color="#64748b"/></linearGradient></defs>
    <rect width="${W}" height="${H}" fill="url(#sky)"/>${clouds}`;
}

function treeLine(r: Random, y: number): string {
  return Array.from({ length: 14 }, (_, i) => {
    const x = i * 125 + r.between(-30, 30);
    const s = r.between(0.8, 1.4);
    const green = r.pick(["#2f5d34", "#3b6b3a", "#27502d", "#46723f"]);
    return `<rect x="${x - 8}" y="${y - 20}" width="16" height="${60 * s}" fill="#4a3b2a"/><circle cx="${x}" cy="${y - 60 * s}" r="${70 * s}" fill="${green}"/><circle cx="${x + 45 * s}" cy="${y - 30 * s}" r="${50 * s}" fill="${green}"/>`;
  }).join("");
}

/** The lawn: overgrown with weeds and debris before, striped and edged after; half of each while mowing. Its own random stream, so the rest of a scene is the same before and after. */
function lawn(r: Random, top: number, condition: Condition): string {
  const parts = [`<rect y="${top}" width="${W}" height="${H - top}" fill="${condition === "before" ? "#5f7f35" : "#5b9a44"}"/>`];
  const mownUpTo = condition === "after" ? W : condition === "during" ? W * 0.55 : 0;
  if (mownUpTo > 0) {
    for (let x = -400, i = 0; x < mownUpTo; x += 110, i++) {
      const right = Math.min(x + 110, mownUpTo);
      parts.push(
        `<polygon points="${x},${H} ${right},${H} ${Math.min(right + 260, mownUpTo)},${top} ${Math.min(x + 260, mownUpTo)},${top}" fill="${i % 2 ? "#4f8c3b" : "#63a64c"}"/>`,
      );
    }
  }
  if (mownUpTo < W) {
    const blades: string[] = [];
    for (let i = 0; i < 900; i++) {
      const x = r.between(mownUpTo, W);
      const y = r.between(top + 10, H);
      const h = r.between(30, 110) * (0.5 + (y - top) / (H - top));
      const lean = r.between(-25, 25);
      const color = r.pick(["#4c6b22", "#6b8a2e", "#83913a", "#3f5d1f", "#9a9442"]);
      blades.push(
        `<path d="M${x} ${y} q${lean / 2} ${-h / 2} ${lean} ${-h}" stroke="${color}" stroke-width="${r.between(2, 5)}" fill="none"/>`,
      );
    }
    for (let i = 0; i < 40; i++)
      blades.push(`<circle cx="${r.between(mownUpTo, W)}" cy="${r.between(top + 20, H)}" r="${r.between(5, 9)}" fill="#facc15"/>`);
    parts.push(blades.join(""));
  }
  if (condition === "before") {
    // What the crew will haul away: boxes and bags in the grass.
    for (let i = 0; i < 3; i++) {
      const x = r.between(150, W - 300);
      const y = r.between(top + 80, H - 200);
      parts.push(
        r.next() < 0.5
          ? `<g transform="rotate(${r.between(-15, 15)} ${x} ${y})"><rect x="${x}" y="${y}" width="120" height="80" fill="#a47148"/><path d="M${x} ${y + 20} h120" stroke="#7c5234" stroke-width="4"/></g>`
          : `<ellipse cx="${x}" cy="${y + 40}" rx="70" ry="50" fill="#1f2937"/><path d="M${x - 10} ${y - 8} l10 -14 l10 14" fill="#111827"/>`,
      );
    }
  }
  if (condition === "during") {
    const x = mownUpTo - 60;
    const y = top + (H - top) * 0.45;
    parts.push(
      `<g><rect x="${x}" y="${y}" width="170" height="70" rx="14" fill="#b91c1c"/><rect x="${x + 20}" y="${y - 12}" width="90" height="22" rx="6" fill="#111827"/><circle cx="${x + 25}" cy="${y + 78}" r="22" fill="#111827"/><circle cx="${x + 145}" cy="${y + 78}" r="22" fill="#111827"/><path d="M${x + 150} ${y + 10} L${x + 300} ${y - 170}" stroke="#374151" stroke-width="10"/><path d="M${x + 280} ${y - 180} h60" stroke="#111827" stroke-width="14" stroke-linecap="round"/></g>`,
    );
  }
  return parts.join("");
}

function bushes(r: Random, y: number, xs: number[], condition: Condition): string {
  return xs
    .map((x) => {
      if (condition === "before") {
        return Array.from(
          { length: 7 },
          () =>
            `<circle cx="${x + r.between(-70, 70)}" cy="${y + r.between(-70, 10)}" r="${r.between(40, 75)}" fill="${r.pick(["#2f5d34", "#3b6b3a", "#4d7c3a"])}"/>`,
        ).join("");
      }
      return `<ellipse cx="${x}" cy="${y - 20}" rx="80" ry="55" fill="#2f6b3a"/><ellipse cx="${x - 20}" cy="${y - 38}" rx="40" ry="22" fill="#3d8048" opacity="0.8"/>`;
    })
    .join("");
}

function window(x: number, y: number, w: number, h: number): string {
  return `<rect x="${x - 8}" y="${y - 8}" width="${w + 16}" height="${h + 16}" fill="#f8fafc"/><rect x="${x}" y="${y}" width="${w}" height="${h}" fill="url(#glass)"/><path d="M${x + w / 2} ${y} v${h} M${x} ${y + h / 2} h${w}" stroke="#f8fafc" stroke-width="8"/>`;
}

function house(r: Random, condition: Condition, houseNumber: string): string {
  const siding = r.pick(SIDING);
  const roof = r.pick(ROOF);
  const left = r.between(260, 380);
  const right = W - r.between(260, 380);
  const top = 470;
  const ground = 860;
  const sidingLines = Array.from(
    { length: Math.floor((ground - top) / 20) },
    (_, i) => `<path d="M${left} ${top + i * 20} H${right}" stroke="#00000014" stroke-width="2"/>`,
  ).join("");
  const door = r.pick(DOOR);
  const doorX = (left + right) / 2 - 55;
  const garage = r.next() < 0.5;
  const shingles = Array.from({ length: 8 }, (_, i) => {
    const y = 250 + i * 28;
    const inset = ((y - 230) / (top - 230)) * ((right - left) / 2 + 60);
    return `<path d="M${(left + right) / 2 - inset} ${y} H${(left + right) / 2 + inset}" stroke="#00000030" stroke-width="3"/>`;
  }).join("");
  const windows = garage
    ? window(left + 70, top + 90, 150, 130)
    : window(left + 70, top + 90, 150, 130) + window(right - 220, top + 90, 150, 130);
  const garageDoor = garage
    ? `<rect x="${right - 330}" y="${top + 150}" width="260" height="${ground - top - 150}" fill="#f1f5f9"/>${[0, 1, 2, 3].map((i) => `<path d="M${right - 330} ${top + 150 + (i + 1) * 55} h260" stroke="#cbd5e1" stroke-width="4"/>`).join("")}`
    : "";
  const peeling = condition === "before" ? `<path d="M${left + 40} ${top + 300} l60 20 l-20 40 z" fill="#00000022"/>` : "";
  return `<rect x="${left}" y="${top}" width="${right - left}" height="${ground - top}" fill="${siding}"/>${sidingLines}${peeling}
    <polygon points="${left - 60},${top} ${right + 60},${top} ${(left + right) / 2},230" fill="${roof}"/>${shingles}
    ${windows}${garageDoor}
    <rect x="${doorX}" y="${top + 150}" width="110" height="${ground - top - 150}" fill="${door}"/><circle cx="${doorX + 90}" cy="${top + 300}" r="7" fill="#fbbf24"/>
    <rect x="${doorX + 125}" y="${top + 120}" width="90" height="40" rx="4" fill="#1f2937"/><text x="${doorX + 170}" y="${top + 150}" font-family="sans-serif" font-size="30" font-weight="bold" text-anchor="middle" fill="#f8fafc">${xml(houseNumber)}</text>
    <polygon points="${doorX - 30},${ground} ${doorX + 140},${ground} ${doorX + 260},${H} ${doorX - 150},${H}" fill="#a8a29e"/>`;
}

function frontScene(r: Random, shot: DemoShot): string {
  return (
    sky(r) +
    treeLine(r, 600) +
    lawn(random(shot.seed + 7919), 820, shot.condition) +
    house(r, shot.condition, shot.houseNumber) +
    bushes(r, 880, [r.between(300, 420), r.between(1150, 1300)], shot.condition)
  );
}

function yardScene(r: Random, shot: DemoShot): string {
  const fenceColor = r.pick(["#b08d63", "#9c7a54", "#c2a67f"]);
  const boards = Array.from(
    { length: 40 },
    (_, i) =>
      `<rect x="${i * 41}" y="${560 + (i % 3) * 2}" width="36" height="200" fill="${fenceColor}"/><path d="M${i * 41 + 18} ${560 + (i % 3) * 2} l18 -18 l0 18 z" fill="${fenceColor}"/>`,
  ).join("");
  const shed = `<rect x="${r.between(1050, 1200)}" y="520" width="260" height="240" fill="#e5e7eb"/><polygon points="1030,520 1330,520 1180,430" fill="#4b5563"/>`;
  return (
    sky(r) +
    treeLine(r, 560) +
    boards +
    `<rect y="630" width="${W}" height="10" fill="#00000022"/>` +
    shed +
    lawn(random(shot.seed + 7919), 760, shot.condition)
  );
}

function addressScene(r: Random, shot: DemoShot): string {
  const siding = r.pick(SIDING);
  const lines = Array.from({ length: 30 }, (_, i) => `<path d="M0 ${i * 42} H${W}" stroke="#0000001c" stroke-width="4"/>`).join("");
  return (
    `<rect width="${W}" height="${H}" fill="${siding}"/>${lines}
    <rect x="460" y="360" width="680" height="300" rx="18" fill="#1f2937"/><rect x="480" y="380" width="640" height="260" rx="12" fill="none" stroke="#e5e7eb" stroke-width="6"/>
    <text x="800" y="570" font-family="sans-serif" font-size="190" font-weight="bold" text-anchor="middle" fill="#f8fafc">${xml(shot.houseNumber)}</text>
    <rect x="240" y="250" width="70" height="130" rx="8" fill="#111827"/><circle cx="275" cy="290" r="24" fill="#fde68a"/>` +
    (shot.condition === "before" ? `<path d="M900 700 q40 80 -30 200" stroke="#6b7280" stroke-width="6" fill="none"/>` : "")
  );
}

function roofScene(r: Random, shot: DemoShot): string {
  const roof = r.pick(ROOF);
  const rows = Array.from({ length: 14 }, (_, row) =>
    Array.from({ length: 18 }, (_, col) => {
      const missing = shot.condition === "before" && r.next() < 0.06;
      const x = col * 96 - (row % 2) * 48;
      const y = 300 + row * 52;
      return `<rect x="${x}" y="${y}" width="92" height="50" fill="${missing ? "#8b6b4a" : roof}" stroke="#00000040" stroke-width="3"/>`;
    }).join(""),
  ).join("");
  const moss =
    shot.condition === "before"
      ? Array.from(
          { length: 25 },
          () => `<circle cx="${r.between(0, W)}" cy="${r.between(320, 1000)}" r="${r.between(10, 30)}" fill="#4d7c0f" opacity="0.6"/>`,
        ).join("")
      : "";
  return (
    sky(r) +
    rows +
    moss +
    `<rect y="1020" width="${W}" height="40" fill="#e5e7eb"/><rect y="1060" width="${W}" height="140" fill="#d6d3d1"/>`
  );
}

function fenceScene(r: Random, shot: DemoShot): string {
  const wood = r.pick(["#b08d63", "#a0764a", "#c2a67f"]);
  const boards = Array.from({ length: 16 }, (_, i) => {
    const broken = shot.condition === "before" && (i === 5 || i === 11);
    return `<rect x="${i * 100}" y="${broken ? 520 : 260}" width="92" height="${broken ? 440 : 700}" fill="${wood}"/><path d="M${i * 100 + 30} 300 v600" stroke="#00000018" stroke-width="3"/>`;
  }).join("");
  return (
    sky(r) +
    treeLine(r, 420) +
    boards +
    `<rect y="420" width="${W}" height="24" fill="#8b6b4a"/><rect y="820" width="${W}" height="24" fill="#8b6b4a"/>` +
    lawn(random(shot.seed + 7919), 960, shot.condition)
  );
}

const SCENES: Record<Scene, (r: Random, shot: DemoShot) => string> = {
  front: frontScene,
  yard: yardScene,
  address: addressScene,
  roof: roofScene,
  fence: fenceScene,
};

/** The caption a field app stamps on a photo: what, then where and when. */
function stamp(shot: DemoShot): string {
  return `<rect y="${H - 132}" width="${W}" height="132" fill="#000000" opacity="0.55"/>
    <text x="40" y="${H - 78}" font-family="sans-serif" font-size="44" font-weight="bold" fill="#ffffff">${xml(shot.title)}</text>
    <text x="40" y="${H - 30}" font-family="sans-serif" font-size="30" fill="#e5e7eb">${xml(shot.stamp)}</text>`;
}

/** A 1600 x 1200 JPEG of the shot. */
export async function drawDemoPhoto(shot: DemoShot): Promise<Buffer> {
  const r = random(shot.seed);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${SCENES[shot.scene](r, shot)}${stamp(shot)}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 82, mozjpeg: true }).toBuffer();
}
