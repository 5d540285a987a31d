/**
 * Test double of the `obsidian` module (the real package ships type declarations only).
 * vitest.config.ts aliases `obsidian` to this file; plugin code is type-checked against the real
 * obsidian.d.ts and runs against this at test time. It covers a documented subset of the API and
 * behaves as the developer docs (Reference/TypeScript API/…) describe; members marked "Test-only"
 * are not in Obsidian. Start from tests/helpers/fake-obsidian-app.ts to build an app.
 */
export { App, Commands, Plugin, type AppOptions, type Command, type PluginManifest } from "./obsidian/app";
export { FileSystemAdapter, type DataWriteOptions, type ListedFiles, type Stat } from "./obsidian/adapter";
export { domWindow, installDomHelpers } from "./obsidian/dom";
export { Editor, type EditorPosition, type EditorRange, type EditorSelection, type EditorSelectionOrCaret } from "./obsidian/editor";
export { Component, Events, type EventRef } from "./obsidian/events";
export { TAbstractFile, TFile, TFolder, type FileStats } from "./obsidian/files";
export { FileManager, MetadataCache, YAMLParseError, type CachedMetadata, type FileManagerOptions } from "./obsidian/metadata";
export {
	AbstractTextComponent,
	BaseComponent,
	ButtonComponent,
	DropdownComponent,
	TextAreaComponent,
	TextComponent,
	ToggleComponent,
	ValueComponent,
} from "./obsidian/components";
export {
	request,
	requestUrl,
	requestUrlLog,
	type RequestUrlLogEntry,
	type RequestUrlParam,
	type RequestUrlResponse,
	type RequestUrlResponsePromise,
} from "./obsidian/request";
export { SecretComponent, SecretStorage } from "./obsidian/secrets";
export { PluginSettingTab, Setting, SettingTab } from "./obsidian/setting";
export { Keymap, Modal, Notice, Scope, SuggestModal, type Instruction, type KeymapEventHandler, type Modifier } from "./obsidian/ui";
export { debounce, normalizePath, Platform, setIcon, type Debouncer } from "./obsidian/util";
export { Vault, type VaultOptions } from "./obsidian/vault";
export { EditableFileView, FileView, ItemView, MarkdownView, TextFileView, View, type MarkdownFileInfo } from "./obsidian/views";
export {
	Workspace,
	WorkspaceLeaf,
	WorkspaceSidedock,
	type LeafArea,
	type OpenedFile,
	type OpenedLink,
	type OpenViewState,
	type PaneType,
	type ViewCreator,
	type ViewState,
} from "./obsidian/workspace";
