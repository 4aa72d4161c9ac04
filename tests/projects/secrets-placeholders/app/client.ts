const apiKey = process.env.OPENAI_API_KEY ?? "";
const headers = { Authorization: `Bearer ${apiKey}` };
const password = "${DB_PASSWORD}";
const secret = "{{ secrets.APP_SECRET }}";
export { headers, password, secret };
