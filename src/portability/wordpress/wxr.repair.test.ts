import { describe, expect, it } from 'vitest';
import { BareAmpersandRepair, type AmpersandRepair } from './wxr.repair.js';

function repairWhole(text: string, chunkSize = text.length || 1) {
  const repairs: AmpersandRepair[] = [];
  const repair = new BareAmpersandRepair((r) => repairs.push(r));
  let out = '';
  for (let i = 0; i < text.length; i += chunkSize) out += repair.write(text.slice(i, i + chunkSize));
  out += repair.end();
  return { out, repairs };
}

const SAMPLE = `<?xml version="1.0"?>
<!-- 4. Activate & Run Importer. -->
<rss><channel>
<title>Fish &amp; Chips &#38; more &#x26; &lt;b&gt;</title>
<item>
<wp:attachment_url>https://old.example/photo.jpg?w=300&h=200</wp:attachment_url>
<content:encoded><![CDATA[Salt & vinegar, ]]&gt; not an end & still CDATA]]></content:encoded>
<guid isPermaLink="false">https://old.example/?p=1&amp;x=2 & y</guid>
<?php echo "a & b"; ?>
<wp:meta_value>A&B&C; &</wp:meta_value>
</item></channel></rss>
`;

describe('the bare "&" repair of WXR files', () => {
  it('escapes a bare "&" in element text only, reporting its line and element', () => {
    const { out, repairs } = repairWhole(SAMPLE);
    expect(out).toContain('photo.jpg?w=300&amp;h=200');
    expect(out).toContain('https://old.example/?p=1&amp;x=2 &amp; y');
    // "&C;" reads as an entity reference: the parser decides whether it is declared.
    expect(out).toContain('A&amp;B&C; &amp;');
    // Untouched: entities, CDATA, comments, processing instructions.
    expect(out).toContain('Fish &amp; Chips &#38; more &#x26; &lt;b&gt;');
    expect(out).toContain('<![CDATA[Salt & vinegar, ]]&gt; not an end & still CDATA]]>');
    expect(out).toContain('<!-- 4. Activate & Run Importer. -->');
    expect(out).toContain('<?php echo "a & b"; ?>');
    expect(out.split('\n')).toHaveLength(SAMPLE.split('\n').length);
    expect(repairs).toEqual([
      { line: 6, element: 'wp:attachment_url' },
      { line: 8, element: 'guid' },
      { line: 10, element: 'wp:meta_value' },
      { line: 10, element: 'wp:meta_value' },
    ]);
  });

  it('gives the same text and lines however the file is cut into chunks', () => {
    const whole = repairWhole(SAMPLE);
    for (let size = 1; size <= 70; size++) expect(repairWhole(SAMPLE, size), `chunks of ${size}`).toEqual(whole);
  });

  it('changes nothing in a file without the defect', () => {
    const clean = SAMPLE.replace('w=300&h', 'w=300&amp;h').replace('x=2 & y', 'x=2').replace('A&B&C; &', 'AB');
    expect(repairWhole(clean)).toEqual({ out: clean, repairs: [] });
  });
});
