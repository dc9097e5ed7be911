/**
 * The add-on's entry points: every function here becomes a top-level function of Code.js, callable from the menu,
 * from google.script.run, or by Apps Script itself (onOpen, onInstall). Each one only says where it is called from
 * (a menu action alerts its errors; a page's call hands them to the page) and what it does.
 */
import type { ReportKeys } from './core/api';
import { connect } from './gas/http';
import * as report from './gas/report';
import * as rollup from './gas/rollup';
import * as ui from './gas/ui';

export function onOpen() {
  ui.addMenu();
}

export function onInstall() {
  ui.addMenu();
}

export function showConnect() {
  ui.showConnect();
}

export function saveConnection(url: string, token: string) {
  return ui.fromPage(() => connect(url, token));
}

export function showSidebar() {
  ui.showSidebar();
}

export function listObligations() {
  return ui.fromPage(report.listObligations);
}

export function activeReportPanel() {
  return ui.fromPage(report.activeReportPanel);
}

export function insertReportSheet(key: ReportKeys) {
  return ui.fromPage(() => report.insertReportSheet(key));
}

export function validateActiveSheet() {
  return ui.fromMenu(report.validateActiveSheet);
}

export function submitActiveSheet() {
  return ui.fromMenu(report.submitActiveSheet);
}

export function downloadReportDocument() {
  return ui.fromMenu(report.downloadReportDocument);
}

export function compileActiveSheet() {
  return ui.fromMenu(report.compileActiveSheet);
}

export function showRollupDialog() {
  ui.showRollupDialog();
}

export function listPlans() {
  return ui.fromPage(rollup.listPlans);
}

export function listRollupPeriods(planId: string) {
  return ui.fromPage(() => rollup.listRollupPeriods(planId));
}

export function pullRollup(planId: string, scheduleId: string, period: string) {
  return ui.fromPage(() => rollup.pullRollup(planId, scheduleId, period));
}

export function showHelp() {
  ui.showHelp();
}
