/*!
 * Special:ApiSandbox (Mirrors mediawiki.special.apisandbox): builds the request form from
 * the module declarations the page embeds, fills tokens through meta=tokens, sends the
 * request with fetch() and shows the response and its URL.  The location hash holds the
 * query ("#action=query&list=recentchanges"), so action=help's examples open here.
 */
( function () {
	'use strict';

	var dataEl = document.getElementById( 'mw-apisandbox-data' );
	var root = document.getElementById( 'mw-apisandbox' );
	if ( !dataEl || !root ) {
		return;
	}
	var data = JSON.parse( dataEl.textContent );
	var form = document.getElementById( 'mw-apisandbox-form' );
	var actionSelect = document.getElementById( 'mw-apisandbox-action' );
	var pickers = root.querySelector( '.mw-apisandbox-query-pickers' );
	var groupSelects = {
		prop: document.getElementById( 'mw-apisandbox-prop' ),
		list: document.getElementById( 'mw-apisandbox-list' ),
		meta: document.getElementById( 'mw-apisandbox-meta' )
	};
	var fieldsBox = document.getElementById( 'mw-apisandbox-fields' );
	var results = document.getElementById( 'mw-apisandbox-results' );
	var responseBox = document.getElementById( 'mw-apisandbox-response' );
	var urlLink = document.getElementById( 'mw-apisandbox-url' );
	var strings = document.getElementById( 'mw-apisandbox-strings' ).dataset;
	var apiUrl = data.apiUrl;
	var MAIN_SKIP = { action: true };

	function option( select, value, label ) {
		var opt = document.createElement( 'option' );
		opt.value = value;
		opt.textContent = label || value;
		select.appendChild( opt );
		return opt;
	}

	Object.keys( data.actions ).forEach( function ( name ) {
		option( actionSelect, name );
	} );
	Object.keys( groupSelects ).forEach( function ( group ) {
		Object.keys( data.query[ group ] ).forEach( function ( name ) {
			option( groupSelects[ group ], name );
		} );
	} );

	/* -- one field per declared parameter ------------------------------------------------ */

	function fieldFor( module, param ) {
		var wrap = document.createElement( 'div' );
		var label = document.createElement( 'label' );
		var id = 'apisandbox-' + module.path.replace( /\+/g, '-' ) + '-' + param.name;
		var input;
		wrap.className = 'mw-apisandbox-field mw-apisandbox-type-' + param.type +
			( param.required ? ' mw-apisandbox-required' : '' );
		label.htmlFor = id;
		label.textContent = param.name + ( param.required ? ' *' : '' );
		if ( param.type === 'boolean' ) {
			input = document.createElement( 'input' );
			input.type = 'checkbox';
		} else if ( param.values && !param.multi ) {
			input = document.createElement( 'select' );
			option( input, '', '' );
			param.values.forEach( function ( v ) {
				option( input, v );
			} );
		} else if ( param.values && param.multi ) {
			input = document.createElement( 'select' );
			input.multiple = true;
			input.size = Math.min( 6, param.values.length );
			param.values.forEach( function ( v ) {
				option( input, v );
			} );
		} else if ( param.type === 'text' ) {
			input = document.createElement( 'textarea' );
			input.rows = 4;
		} else {
			input = document.createElement( 'input' );
			input.type = param.type === 'password' ? 'password' :
				( param.type === 'integer' ? 'number' : 'text' );
			if ( param.type === 'limit' ) {
				input.placeholder = 'max';
			}
		}
		if ( param.default !== undefined && param.default !== null && input.tagName !== 'SELECT' &&
			input.type !== 'checkbox' ) {
			input.placeholder = String( param.default );
		}
		if ( param.default !== undefined && param.default !== null && input.tagName === 'SELECT' &&
			!input.multiple ) {
			input.value = String( param.default );
		}
		if ( param.tokentype ) {
			input.placeholder = strings.fetchtoken || 'auto-fill the token';
			input.dataset.tokentype = param.tokentype;
		}
		input.id = id;
		input.name = param.name;
		input.dataset.param = param.name;
		input.dataset.type = param.type;
		wrap.appendChild( label );
		wrap.appendChild( input );
		var help = document.createElement( 'div' );
		help.className = 'mw-apisandbox-help';
		// Help HTML is rendered on the server from the message catalogs.
		help.innerHTML = param.help + ( param.info.length ?
			'<div class="mw-apisandbox-info">' + param.info.join( '<br>' ) + '</div>' : '' );
		wrap.appendChild( help );
		return wrap;
	}

	function fieldset( module, title ) {
		var fs = document.createElement( 'fieldset' );
		var legend = document.createElement( 'legend' );
		var summary = document.createElement( 'div' );
		fs.className = 'mw-apisandbox-module';
		fs.dataset.module = module.path;
		legend.textContent = title;
		summary.className = 'mw-apisandbox-summary';
		summary.innerHTML = module.summary;
		fs.appendChild( legend );
		fs.appendChild( summary );
		module.params.forEach( function ( param ) {
			if ( module.group === 'format' && param.name === 'format' ) {
				return;
			}
			if ( module.path === 'main' && MAIN_SKIP[ param.name ] ) {
				return;
			}
			if ( module.path === 'query' && groupSelects[ param.name ] ) {
				return;
			}
			fs.appendChild( fieldFor( module, param ) );
		} );
		return fs;
	}

	function selected( select ) {
		return Array.prototype.filter.call( select.options, function ( o ) {
			return o.selected;
		} ).map( function ( o ) {
			return o.value;
		} );
	}

	function currentFormat( values ) {
		var input = fieldsBox.querySelector( '[data-param="format"]' );
		var name = ( values && values.format ) || ( input && input.value ) || 'json';
		return data.formats[ name ] ? name : 'json';
	}

	function currentModules( values ) {
		var action = actionSelect.value;
		var format = currentFormat( values );
		var modules = [ { module: data.main, title: 'action=' + action + ' (main)' },
			{ module: data.formats[ format ], title: 'format=' + format },
			{ module: data.actions[ action ], title: 'action=' + action } ];
		if ( action === 'query' ) {
			Object.keys( groupSelects ).forEach( function ( group ) {
				selected( groupSelects[ group ] ).forEach( function ( name ) {
					modules.push( { module: data.query[ group ][ name ],
						title: group + '=' + name } );
				} );
			} );
		}
		return modules;
	}

	function render( values ) {
		var keep = values || collect();
		fieldsBox.textContent = '';
		pickers.hidden = actionSelect.value !== 'query';
		currentModules( keep ).forEach( function ( entry ) {
			if ( entry.module ) {
				fieldsBox.appendChild( fieldset( entry.module, entry.title ) );
			}
		} );
		fill( keep );
	}

	/* -- values <-> query string ------------------------------------------------------------- */

	function collect() {
		var params = {};
		params.action = actionSelect.value;
		if ( params.action === 'query' ) {
			Object.keys( groupSelects ).forEach( function ( group ) {
				var names = selected( groupSelects[ group ] );
				if ( names.length ) {
					params[ group ] = names.join( '|' );
				}
			} );
		}
		Array.prototype.forEach.call( fieldsBox.querySelectorAll( '[data-param]' ),
			function ( input ) {
				var value;
				if ( input.type === 'checkbox' ) {
					if ( input.checked ) {
						params[ input.dataset.param ] = '1';
					}
					return;
				}
				if ( input.multiple ) {
					value = selected( input ).join( '|' );
				} else {
					value = input.value;
				}
				if ( value !== '' ) {
					params[ input.dataset.param ] = value;
				}
			} );
		return params;
	}

	function fill( params ) {
		Array.prototype.forEach.call( fieldsBox.querySelectorAll( '[data-param]' ),
			function ( input ) {
				var value = params[ input.dataset.param ];
				if ( value === undefined ) {
					return;
				}
				if ( input.type === 'checkbox' ) {
					input.checked = value !== '' && value !== '0' && value !== 'false';
				} else if ( input.multiple ) {
					var wanted = String( value ).split( '|' );
					Array.prototype.forEach.call( input.options, function ( o ) {
						o.selected = wanted.indexOf( o.value ) !== -1;
					} );
				} else {
					input.value = value;
				}
			} );
	}

	function parseQuery( query ) {
		var params = {};
		new URLSearchParams( query ).forEach( function ( value, key ) {
			params[ key ] = value;
		} );
		return params;
	}

	function loadHash() {
		var hash = decodeURIComponent( location.hash.replace( /^#/, '' ) );
		var params = parseQuery( hash.indexOf( '=' ) === -1 ? 'action=' + hash : hash );
		if ( !params.action || !data.actions[ params.action ] ) {
			params.action = params.action && data.actions[ params.action ] ? params.action : 'query';
		}
		actionSelect.value = params.action;
		Object.keys( groupSelects ).forEach( function ( group ) {
			var wanted = ( params[ group ] || '' ).split( '|' );
			Array.prototype.forEach.call( groupSelects[ group ].options, function ( o ) {
				o.selected = wanted.indexOf( o.value ) !== -1;
			} );
		} );
		if ( !params.format ) {
			params.format = 'json';
		}
		if ( !params.formatversion ) {
			params.formatversion = '2';
		}
		render( params );
	}

	/* -- sending ------------------------------------------------------------------------- */

	function needsPost( params ) {
		var module = data.actions[ params.action ];
		return module && ( module.mustbeposted || module.write );
	}

	function fetchTokens( params ) {
		var missing = [];
		Array.prototype.forEach.call( fieldsBox.querySelectorAll( '[data-tokentype]' ),
			function ( input ) {
				if ( !input.value ) {
					missing.push( input );
				}
			} );
		if ( !missing.length ) {
			return Promise.resolve( params );
		}
		var types = missing.map( function ( input ) {
			return input.dataset.tokentype;
		} );
		var url = apiUrl + '?action=query&meta=tokens&format=json&type=' +
			encodeURIComponent( types.join( '|' ) );
		return fetch( url, { credentials: 'same-origin' } ).then( function ( r ) {
			return r.json();
		} ).then( function ( res ) {
			missing.forEach( function ( input ) {
				var token = res.query && res.query.tokens &&
					res.query.tokens[ input.dataset.tokentype + 'token' ];
				if ( token ) {
					input.value = token;
					params[ input.dataset.param ] = token;
				}
			} );
			return params;
		} );
	}

	function show( text, url ) {
		var pretty = text;
		try {
			pretty = JSON.stringify( JSON.parse( text ), null, '\t' );
		} catch ( e ) {
			pretty = text;
		}
		responseBox.textContent = pretty;
		urlLink.textContent = url;
		urlLink.href = url;
		results.hidden = false;
	}

	function send() {
		var params = collect();
		var shown = Object.assign( {}, params );
		history.replaceState( null, '', '#' + new URLSearchParams( shown ).toString() );
		responseBox.textContent = strings.loading || '…';
		results.hidden = false;
		fetchTokens( params ).then( function ( withTokens ) {
			var query = new URLSearchParams( withTokens ).toString();
			var url = apiUrl + '?' + query;
			var init = { credentials: 'same-origin' };
			if ( needsPost( withTokens ) ) {
				init.method = 'POST';
				init.headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
				init.body = query;
				return fetch( apiUrl, init ).then( function ( r ) {
					return r.text();
				} ).then( function ( text ) {
					show( text, url );
				} );
			}
			return fetch( url, init ).then( function ( r ) {
				return r.text();
			} ).then( function ( text ) {
				show( text, url );
			} );
		} ).catch( function ( error ) {
			show( String( error ), '' );
		} );
	}

	actionSelect.addEventListener( 'change', function () {
		render();
	} );
	fieldsBox.addEventListener( 'change', function ( e ) {
		if ( e.target && e.target.dataset && e.target.dataset.param === 'format' ) {
			render();
		}
	} );
	Object.keys( groupSelects ).forEach( function ( group ) {
		groupSelects[ group ].addEventListener( 'change', function () {
			render();
		} );
	} );
	form.addEventListener( 'submit', function ( e ) {
		e.preventDefault();
		send();
	} );
	document.getElementById( 'mw-apisandbox-reset' ).addEventListener( 'click', function () {
		history.replaceState( null, '', location.pathname + location.search );
		actionSelect.value = 'query';
		render( { action: 'query', format: 'json', formatversion: '2' } );
	} );
	window.addEventListener( 'hashchange', loadHash );
	loadHash();
}() );
