import express from "express";
import { readFileSync } from "node:fs";
import path from "path";
import { guard } from "express-secure-session-guard";
import { helper } from "./helper";
import { formatAiResponse } from "react-ai-response-formatter";

const app = express();
const cfg = require("config-loader-ultra-pro");
export { app, guard, helper, formatAiResponse, cfg, readFileSync, path };
