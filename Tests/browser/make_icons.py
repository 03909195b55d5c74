"""Draws the portal's icons from Templates/assets/favicon.svg with headless Chromium.

Usage: python3 Tests/browser/make_icons.py   (needs chromium, chromedriver and selenium)

Writes content/static/favicon.ico (16, 32 and 48 px PNGs in one ICO, served at /favicon.ico),
Templates/assets/apple-touch-icon.png (180 px) and Templates/assets/share.png (1200 x 630,
the Open Graph and Twitter card image). Run it again after changing the mark or the title.
"""
import base64, struct, time, os, tempfile
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
WORK = tempfile.mkdtemp()
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
o=Options()
for a in ("--headless=new","--no-sandbox","--disable-gpu","--force-device-scale-factor=1","--hide-scrollbars"): o.add_argument(a)
o.binary_location=os.environ.get("CHROME_BIN", "/usr/bin/chromium")
d=webdriver.Chrome(options=o, service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")))
svg=open(os.path.join(ROOT, "Templates/assets/favicon.svg")).read()
def shot(html, w, h, out):
    d.set_window_size(w+200, h+300)
    page=os.path.join(WORK, "page.html"); open(page,"w").write(html); d.get("file://"+page); time.sleep(.4)
    png=d.execute_cdp_cmd("Page.captureScreenshot",{"format":"png","clip":{"x":0,"y":0,"width":w,"height":h,"scale":1}})
    data=base64.b64decode(png["data"]); open(out,"wb").write(data); return data
icon=lambda n: "<html><body style='margin:0;background:transparent'><div style='width:%dpx;height:%dpx'>%s</div></body></html>"%(n,n,svg.replace("<svg ","<svg width='%d' height='%d' "%(n,n)))
p16=shot(icon(16),16,16,os.path.join(WORK,"16.png")); p32=shot(icon(32),32,32,os.path.join(WORK,"32.png")); p48=shot(icon(48),48,48,os.path.join(WORK,"48.png"))
# Apple touch icon: opaque background
shot("<html><body style='margin:0;background:#fff'><div style='width:180px;height:180px;display:grid;place-items:center;background:#e3efed'>%s</div></body></html>"%svg.replace("<svg ","<svg width='140' height='140' "),180,180,os.path.join(ROOT,"Templates/assets/apple-touch-icon.png"))
# ICO with PNG payloads
imgs=[(16,p16),(32,p32),(48,p48)]
head=struct.pack("<HHH",0,1,len(imgs)); off=6+16*len(imgs); dirs=b""; body=b""
for n,data in imgs:
    dirs+=struct.pack("<BBBBHHII",n,n,0,0,1,32,len(data),off+len(body)); body+=data
open(os.path.join(ROOT,"content/static/favicon.ico"),"wb").write(head+dirs+body)
share="""<html><body style='margin:0'><div style='width:1200px;height:630px;box-sizing:border-box;padding:80px 90px;background:linear-gradient(#e3efed,#f7f6f2);font-family:DejaVu Sans, sans-serif;color:#1b2226;border-top:16px solid #0e6567;display:flex;flex-direction:column;justify-content:space-between'>
<div style='display:flex;align-items:center;gap:28px'>%s<div style='font-size:34px;font-weight:700;color:#0a4c4e'>Women, Peace and Security</div></div>
<div style='font-size:76px;font-weight:700;line-height:1.1;max-width:1000px'>Japan&#8217;s record on Women, Peace and Security</div>
<div style='font-size:32px;color:#4a555b'>Activities &#183; Partners &#183; National Action Plans</div></div></body></html>"""%svg.replace("<svg ","<svg width='96' height='96' ")
shot(share,1200,630,os.path.join(ROOT,"Templates/assets/share.png"))
d.quit()
