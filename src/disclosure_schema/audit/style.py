"""The report's style sheet and its one small script, inlined in every page: the
pages open from disk with no network and no other file."""

from __future__ import annotations

from typing import Final

__all__ = ["CSS", "SORT_SCRIPT"]

CSS: Final = """
:root{--fail:#fde2e1;--fail-line:#c62828;--suspect:#fff4d6;--suspect-line:#b26a00;
--blank:#f3f4f6;--line:#c9ced6;--ink:#1f2328;--muted:#59636e;--ok:#1a7f37}
*{box-sizing:border-box}
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",
"Noto Sans",system-ui,sans-serif;color:var(--ink);margin:0 auto;padding:1.5rem;max-width:1200px;
line-height:1.5;font-size:15px}
h1{font-size:1.5rem;margin:.2rem 0 .5rem}h2{font-size:1.15rem;margin:1.6rem 0 .5rem;
border-bottom:1px solid var(--line);padding-bottom:.2rem}
a{color:#0b57d0}.meta{color:var(--muted);margin:.2rem 0 1rem}
table{border-collapse:collapse;margin:.4rem 0 1rem}
th,td{border:1px solid var(--line);padding:.25rem .45rem;vertical-align:middle}
thead th{background:#eef1f5;font-weight:600;text-align:center}
.grid td{text-align:right;min-width:3.2em;height:1.9em;font-variant-numeric:tabular-nums;
position:relative}
.grid th.row{text-align:left;font-weight:normal;background:#fafbfc}
.grid th.article{text-align:left;background:#e4e8ee}
.grid th.corner{background:#fafbfc}
.grid td.blank{background:var(--blank)}
.grid td.unread{background:repeating-linear-gradient(45deg,#fff,#fff 4px,#eceef1 4px,#eceef1 8px)}
.grid td.fail{background:var(--fail);outline:2px solid var(--fail-line);outline-offset:-2px}
.grid td.suspect,.grid td.candidate{background:var(--suspect);padding:.45rem .75rem}
.grid td.suspect::after,.grid td.candidate::after{content:"";position:absolute;inset:4px;
border:2px dashed var(--suspect-line);pointer-events:none}
.grid td.candidate::after{border-style:dotted}
.diff{display:block;font-size:.75em;color:var(--fail-line);font-weight:600}
.sugg{display:block;font-size:.75em;color:var(--suspect-line);font-weight:600}
.t3 td{min-width:4.2em}.t4 td{min-width:3em}
.cards{display:flex;flex-wrap:wrap;gap:.6rem;margin:.6rem 0 1rem}
.card{border:1px solid var(--line);border-radius:6px;padding:.5rem .9rem;min-width:7.5rem}
.card b{display:block;font-size:1.5rem}
.state-valid{color:var(--ok)}.state-invalid,.state-unreadable{color:var(--fail-line)}
.state-unchecked{color:var(--suspect-line)}
.findings td{vertical-align:top}
.findings td:first-child{white-space:nowrap}
.sev-error{color:var(--fail-line);font-weight:600}
.sev-warning{color:var(--suspect-line)}
.legend span{display:inline-block;width:1.6em;height:1em;vertical-align:middle;margin:0 .3em 0 1em;
border:1px solid var(--line)}
.legend .fail{background:var(--fail);outline:2px solid var(--fail-line);outline-offset:-2px}
.legend .suspect{background:var(--suspect);outline:2px dashed var(--suspect-line);
outline-offset:-2px}
.legend .candidate{background:var(--suspect);outline:2px dotted var(--suspect-line);
outline-offset:-2px}
.legend .blank{background:var(--blank)}
.legend .unread{background:repeating-linear-gradient(45deg,#fff,#fff 4px,#eceef1 4px,#eceef1 8px)}
.scroll{overflow-x:auto}
table.list th{cursor:pointer;user-select:none}
table.list th[aria-sort=ascending]::after{content:" ▲"}
table.list th[aria-sort=descending]::after{content:" ▼"}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.cols{display:flex;flex-wrap:wrap;gap:0 2.5rem}.col{flex:1 1 26rem;min-width:0}
h3{font-size:1rem;margin:.6rem 0 .2rem;color:var(--muted)}.coverage{margin:.8rem 0 .3rem}
table.counts td:nth-child(2){color:var(--muted)}
code{font-size:.9em}
@media print{body{max-width:none;padding:0;font-size:10.5pt}a{color:inherit;text-decoration:none}
nav,.hint{display:none}.grid{page-break-inside:avoid}
th,td{padding:.12rem .3rem}.scroll{overflow:visible}
.grid td.fail,.grid td.suspect,.grid td.candidate,
thead th,.grid td.blank{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""

#: Sorting the list of reports by a click on a column's name, or by the address
#: (index.html#sort=6 sorts by column 6, #sort=-6 in reverse). Pages read fine without it.
SORT_SCRIPT: Final = r"""
(function(){var t=document.getElementById("reports");if(!t){return;}
var hs=t.tHead.rows[0].cells;
function key(r,i,n){var v=r.cells[i].getAttribute("data-v");if(v===null){v=r.cells[i].textContent;}
return n?Number(v):v;}
for(var i=0;i<hs.length;i++){(function(i){hs[i].addEventListener("click",function(){
var h=hs[i],asc=h.getAttribute("aria-sort")!=="ascending",n=h.hasAttribute("data-num");
for(var j=0;j<hs.length;j++){hs[j].removeAttribute("aria-sort");}
h.setAttribute("aria-sort",asc?"ascending":"descending");
var b=t.tBodies[0],rows=Array.prototype.slice.call(b.rows);
rows.sort(function(a,c){var x=key(a,i,n),y=key(c,i,n);var d=n?x-y:(x<y?-1:x>y?1:0);
return asc?d:-d;});var f=document.createDocumentFragment();
rows.forEach(function(r){f.appendChild(r);});b.appendChild(f);});})(i);}
var m=/^#sort=(-?)(\d+)$/.exec(location.hash);
if(m&&hs[+m[2]]){hs[+m[2]].click();if(m[1]){hs[+m[2]].click();}}
document.body.setAttribute("data-sortable","ready");})();
"""
