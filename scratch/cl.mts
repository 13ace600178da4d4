import { loadCatalog, buildChecklist } from "/work/main/src/catalog/index.js";
const c = await loadCatalog({ directory: "/work/main/knowledge" });
const cases: [string, Record<string,string>][] = [["retirement", {}], ["newborn", {"parents-married":"married","born-in-province":"in-province","household-side":"father","reimbursement":"no-need"}]];
for (const [b, ans] of cases) {
  const cl = buildChecklist({catalog: c, bundleId: b, answers: ans});
  console.log(b, cl.complete, cl.matters.map((m)=>m.id));
  for (const m of cl.materials) console.log("  ", m.id, m.name, m.exempt?.by ?? "", m.deferrable? "deferrable":"", m.conditional? "cond:"+m.conditional.scenarioId: "", c.matters.get(m.matterIds[0]??"")?.materials.find(x=>x.id===m.id)?.documentType);
}
console.log(c.bundles.get("retirement")!.scenarios.map(s=>[s.id, s.options.map(o=>o.value)]));
