import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

/**
 * Progressive enhancement of the bulletin body textarea: a few buttons that wrap the selection in
 * tags. The form works without it (the textarea takes HTML; the server sanitises on save).
 * The buttons' names come translated from the page (data-labels), in the order of `tools`.
 * A button whose face is a letter (B, I, H2) has that letter first in its accessible name, so
 * speech control ("click H2") finds it (WCAG 2.5.3); a symbol's button is named by its action.
 */
const EDITOR_JS = `(function(){
var bars=document.querySelectorAll('.toolbar[data-for]');
var tools=[['B','<strong>','</strong>'],['I','<em>','</em>'],['H2','<h2>','</h2>'],['¶','<p>','</p>'],['•','<ul>\\n<li>','</li>\\n</ul>'],['🔗','<a href="https://">','</a>']];
bars.forEach(function(bar){
var ta=document.getElementById(bar.getAttribute('data-for'));if(!ta)return;
var names=(bar.getAttribute('data-labels')||'').split('|');
tools.forEach(function(t,i){t=t.concat(names[i]||t[0]);var b=document.createElement('button');b.type='button';b.textContent=t[0];b.setAttribute('aria-label',/\\w/.test(t[0])?t[0]+' – '+t[3]:t[3]);b.title=t[3];
b.addEventListener('click',function(){var s=ta.selectionStart,e=ta.selectionEnd,v=ta.value;
ta.value=v.slice(0,s)+t[1]+v.slice(s,e)+t[2]+v.slice(e);ta.focus();ta.selectionStart=s+t[1].length;ta.selectionEnd=e+t[1].length;});
bar.appendChild(b);});
bar.hidden=false;});
})();`;

@ApiExcludeController()
@Controller('assets')
export class EditorScriptController {
  @Get('admin-editor.js')
  script(@Res() reply: FastifyReply): void {
    void reply.header('content-type', 'text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(EDITOR_JS);
  }
}
