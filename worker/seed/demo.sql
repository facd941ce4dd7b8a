-- Local demo data for `npm run dev` only (never applied by deploys): a site
-- whose widget runs on the dev server itself (demo-answers.ts adds the
-- origins of the port a run uses), one survey per kind (NPS asks reasons,
-- CSAT shows faces and thanks in its own words), and a read key printed in
-- the README:
--   site key  demo
--   read key  cxr_demo0000_localdemo00000000000000000000000
INSERT OR IGNORE INTO sites (key, name, origins, created_at)
VALUES ('demo', 'Demo shop', '["http://localhost:8787","http://127.0.0.1:8787"]', 1793491200000);
INSERT OR IGNORE INTO site_origins (origin, site) VALUES ('http://localhost:8787', 'demo'), ('http://127.0.0.1:8787', 'demo');
INSERT OR IGNORE INTO api_keys (prefix, site, hash, created_at)
VALUES ('cxr_demo0000', 'demo', 'fbe49c985962f1d6d46ba924e7b5e984a3343d7e0447d1a7042427457b4146e7', 1793491200000);
INSERT OR IGNORE INTO surveys (id, site, kind, definition, active, created_at, updated_at) VALUES
('demo-nps', 'demo', 'nps', '{"name":"Demo NPS","question":{"en":"How likely are you to recommend Demo shop to a friend?","fa":"چقدر احتمال دارد دمو شاپ را به یک دوست پیشنهاد کنید؟","ar":"ما مدى احتمال أن توصي بمتجر ديمو لصديق؟"},"follow_up":{"en":"Anything else you would like to tell us?","fa":"چیز دیگری هست که بخواهید به ما بگویید؟","ar":"هل هناك شيء آخر تود إخبارنا به؟"},"reasons":{"question":{"en":"What is the main reason for your score?","fa":"دلیل اصلی امتیاز شما چیست؟","ar":"ما السبب الرئيسي لتقييمك؟"},"options":[{"id":"price","label":{"en":"Price","fa":"قیمت","ar":"السعر"}},{"id":"delivery","label":{"en":"Delivery","fa":"ارسال","ar":"التوصيل"}},{"id":"quality","label":{"en":"Product quality","fa":"کیفیت کالا","ar":"جودة المنتج"}},{"id":"support","label":{"en":"Customer support","fa":"پشتیبانی","ar":"خدمة العملاء"}},{"id":"ease","label":{"en":"Easy to use","fa":"سهولت استفاده","ar":"سهولة الاستخدام"}}],"multiple":false,"when":"all"},"follow_up_low":{"en":"What should we fix first?","fa":"اول چه چیزی را باید درست کنیم؟","ar":"ما الذي يجب أن نصلحه أولاً؟"},"trigger":{"on":"manual","delay_s":0,"scroll_pct":null,"exit_intent":false,"paths":null},"sample_pct":100,"recontact_days":0,"position":"bottom-right","color":"#1f6feb"}', 1, 1793491200000, 1793491200000),
('demo-csat', 'demo', 'csat', '{"name":"Demo CSAT","question":{"en":"How satisfied are you with your checkout?","fa":"چقدر از فرایند پرداخت راضی هستید؟","ar":"ما مدى رضاك عن عملية الدفع؟"},"follow_up":{"en":"Anything we could do better?","fa":"چه چیزی را می‌توانیم بهتر کنیم؟","ar":"هل هناك ما يمكننا تحسينه؟"},"thanks":{"en":"Thank you! We read every answer.","fa":"سپاس! همه پاسخ‌ها را می‌خوانیم.","ar":"شكراً! نقرأ كل إجابة."},"style":"faces","touchpoint":"checkout","trigger":{"on":"manual","delay_s":0,"scroll_pct":null,"exit_intent":false,"paths":null},"sample_pct":100,"recontact_days":0,"position":"bottom-right","color":"#0f7b4a"}', 1, 1793491200000, 1793491200000),
('demo-ces', 'demo', 'ces', '{"name":"Demo CES","question":{"en":"It was easy to get my issue resolved.","fa":"حل مشکلم آسان بود.","ar":"كان من السهل حل مشكلتي."},"follow_up":{"en":"What made it easy or hard?","fa":"چه چیزی آن را آسان یا سخت کرد؟","ar":"ما الذي جعله سهلاً أو صعباً؟"},"trigger":{"on":"manual","delay_s":0,"scroll_pct":null,"exit_intent":false,"paths":null},"sample_pct":100,"recontact_days":0,"position":"bottom-left","color":"#8250df"}', 1, 1793491200000, 1793491200000);
-- Two people who work the demo's follow-up cases (the cases are assigned to them).
INSERT OR IGNORE INTO members (email, role, sites, created_at) VALUES
('mina@demo.example', 'analyst', '["demo"]', 1793491200000),
('reza@demo.example', 'admin', '["demo"]', 1793491200000);
